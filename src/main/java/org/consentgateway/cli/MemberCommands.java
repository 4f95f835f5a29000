package org.consentgateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.Member;
import org.consentgateway.identity.MemberTable;
import org.consentgateway.identity.RegisteredClient;
import org.consentgateway.identity.RegistryAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The subcommands {@code regulators} and {@code operators} share: the two registries have the same
 * shape, so each subcommand asks its parent command ({@link Registry}) which one it works on.
 */
final class MemberCommands {

  private MemberCommands() {}

  /** One of the two registries, as its parent command offers it. */
  interface Registry {
    /** {@code regulator} or {@code operator}. */
    String noun();

    /** This registry's table in {@code admin}. */
    MemberTable<? extends Member> members(RegistryAdmin admin);
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Register one of the ${PARENT-COMMAND-NAME}. It signs its token requests with the private half of --public-key.")
  static final class Add implements Callable<Integer> {

    @ParentCommand
    Registry registry;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--id", required = true, paramLabel = "ID",
        description = "Client id: 3-64 lower-case letters, digits, '.', '_', '-', with at least one letter; "
            + "unique across regulators and operators.")
    String id;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Name, at most 200 characters.")
    String name;

    @Option(names = "--public-key", required = true, paramLabel = "FILE",
        description = "Public key: PEM (-----BEGIN PUBLIC KEY-----) or JWK; EC P-256 or RSA of at least 2048 bits.")
    Path publicKey;

    @Override
    public Integer call() throws Exception {
      ClientKey key = ClientKey.read(publicKey); // before the database: a bad key file fails fast
      RegisteredClient added = RegistryCommands.withAdmin(config, admin -> registry.members(admin).add(id, name, key).map(Member::asClient));
      PrintWriter out = spec.commandLine().getOut();
      out.println("registered " + registry.noun() + " " + added.id());
      out.println("  name: " + added.name());
      out.println("  key:  " + RegistryCommands.describe(added.key()));
      out.flush();
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List all ${PARENT-COMMAND-NAME}, active or disabled.")
  static final class ListAll implements Callable<Integer> {

    @ParentCommand
    Registry registry;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
      List<RegisteredClient> members = RegistryCommands.withAdmin(config,
          admin -> registry.members(admin).list().map(all -> all.stream().map(Member::asClient).toList()));
      PrintWriter out = spec.commandLine().getOut();
      if (members.isEmpty()) {
        out.println("no " + registry.noun() + "s are registered");
        out.flush();
        return 0;
      }
      TextTable table = new TextTable("ID", "NAME", "STATUS", "KEY");
      members.forEach(member -> table.row(member.id(), member.name(), RegistryCommands.status(member.active()),
          RegistryCommands.describe(member.key())));
      table.print(out);
      return 0;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable one of the ${PARENT-COMMAND-NAME}: it stays registered, but its token requests are refused.")
  static final class Disable implements Callable<Integer> {

    @ParentCommand
    Registry registry;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "ID", description = "The client id.")
    String id;

    @Override
    public Integer call() throws Exception {
      RegisteredClient disabled = RegistryCommands.withAdmin(config, admin -> registry.members(admin).disable(id).map(Member::asClient));
      spec.commandLine().getOut().printf("disabled %s %s (%s): its token requests are refused%n", registry.noun(),
          disabled.id(), disabled.name());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled one of the ${PARENT-COMMAND-NAME} again.")
  static final class Enable implements Callable<Integer> {

    @ParentCommand
    Registry registry;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "ID", description = "The client id.")
    String id;

    @Override
    public Integer call() throws Exception {
      RegisteredClient enabled = RegistryCommands.withAdmin(config, admin -> registry.members(admin).enable(id).map(Member::asClient));
      spec.commandLine().getOut().printf("enabled %s %s (%s)%n", registry.noun(), enabled.id(), enabled.name());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "set-key", mixinStandardHelpOptions = true,
      description = "Replace the public key of one of the ${PARENT-COMMAND-NAME} (it rotated its key). "
          + "Assertions signed with the old key are refused from now on.")
  static final class SetKey implements Callable<Integer> {

    @ParentCommand
    Registry registry;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "ID", description = "The client id.")
    String id;

    @Parameters(index = "1", paramLabel = "FILE", description = "The new public key: PEM or JWK, EC P-256 or RSA >= 2048 bits.")
    Path publicKey;

    @Override
    public Integer call() throws Exception {
      ClientKey key = ClientKey.read(publicKey);
      RegisteredClient changed = RegistryCommands.withAdmin(config, admin -> registry.members(admin).setKey(id, key).map(Member::asClient));
      spec.commandLine().getOut().printf("%s %s (%s) now signs with %s%n", registry.noun(), changed.id(), changed.name(),
          RegistryCommands.describe(changed.key()));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
