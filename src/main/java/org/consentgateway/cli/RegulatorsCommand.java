package org.consentgateway.cli;

import org.consentgateway.identity.Member;
import org.consentgateway.identity.MemberTable;
import org.consentgateway.identity.RegistryAdmin;
import picocli.CommandLine.Command;

/** {@code gateway regulators}: the regulators that may read and verify the audit log. */
@Command(name = "regulators", mixinStandardHelpOptions = true,
    description = "Register and manage regulators (they read and verify the audit log) and their public keys.",
    subcommands = {MemberCommands.Add.class, MemberCommands.ListAll.class, MemberCommands.Disable.class,
        MemberCommands.Enable.class, MemberCommands.SetKey.class})
final class RegulatorsCommand implements MemberCommands.Registry {

  @Override
  public String noun() {
    return "regulator";
  }

  @Override
  public MemberTable<? extends Member> members(RegistryAdmin admin) {
    return admin.regulators();
  }
}
