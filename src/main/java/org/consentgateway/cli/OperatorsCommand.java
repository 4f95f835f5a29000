package org.consentgateway.cli;

import org.consentgateway.identity.Member;
import org.consentgateway.identity.MemberTable;
import org.consentgateway.identity.RegistryAdmin;
import picocli.CommandLine.Command;

/** {@code gateway operators}: the operators (data providers) that manage records and resolve disputes. */
@Command(name = "operators", mixinStandardHelpOptions = true,
    description = "Register and manage operators (data providers: they manage credit records and resolve disputes) and their public keys.",
    subcommands = {MemberCommands.Add.class, MemberCommands.ListAll.class, MemberCommands.Disable.class,
        MemberCommands.Enable.class, MemberCommands.SetKey.class})
final class OperatorsCommand implements MemberCommands.Registry {

  @Override
  public String noun() {
    return "operator";
  }

  @Override
  public MemberTable<? extends Member> members(RegistryAdmin admin) {
    return admin.operators();
  }
}
