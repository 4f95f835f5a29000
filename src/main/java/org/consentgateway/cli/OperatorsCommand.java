package org.consentgateway.cli;

import java.util.List;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.Operator;
import org.consentgateway.identity.RegisteredClient;
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
  public RegisteredClient add(RegistryAdmin admin, String id, String name, ClientKey key) {
    return admin.addOperator(id, name, key).asClient();
  }

  @Override
  public List<RegisteredClient> list(RegistryAdmin admin) {
    return admin.listOperators().stream().map(Operator::asClient).toList();
  }

  @Override
  public RegisteredClient disable(RegistryAdmin admin, String id) {
    return admin.disableOperator(id).asClient();
  }

  @Override
  public RegisteredClient enable(RegistryAdmin admin, String id) {
    return admin.enableOperator(id).asClient();
  }

  @Override
  public RegisteredClient setKey(RegistryAdmin admin, String id, ClientKey key) {
    return admin.setOperatorKey(id, key).asClient();
  }
}
