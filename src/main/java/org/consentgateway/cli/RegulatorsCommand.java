package org.consentgateway.cli;

import java.util.List;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.RegisteredClient;
import org.consentgateway.identity.RegistryAdmin;
import org.consentgateway.identity.Regulator;
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
  public RegisteredClient add(RegistryAdmin admin, String id, String name, ClientKey key) {
    return admin.addRegulator(id, name, key).asClient();
  }

  @Override
  public List<RegisteredClient> list(RegistryAdmin admin) {
    return admin.listRegulators().stream().map(Regulator::asClient).toList();
  }

  @Override
  public RegisteredClient disable(RegistryAdmin admin, String id) {
    return admin.disableRegulator(id).asClient();
  }

  @Override
  public RegisteredClient enable(RegistryAdmin admin, String id) {
    return admin.enableRegulator(id).asClient();
  }

  @Override
  public RegisteredClient setKey(RegistryAdmin admin, String id, ClientKey key) {
    return admin.setRegulatorKey(id, key).asClient();
  }
}
