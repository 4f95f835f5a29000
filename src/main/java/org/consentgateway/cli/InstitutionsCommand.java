package org.consentgateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.Institution;
import org.consentgateway.identity.RegistryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway institutions}: the institutions that may ask for consent and query. */
@Command(name = "institutions", mixinStandardHelpOptions = true,
    description = "Register and manage institutions (banks, card issuers, guarantors) and their public keys.",
    subcommands = {InstitutionsCommand.Add.class, InstitutionsCommand.ListAll.class, InstitutionsCommand.Disable.class,
        InstitutionsCommand.Enable.class, InstitutionsCommand.SetKey.class,
        InstitutionsCommand.SetWebhook.class, InstitutionsCommand.SetRedirectUris.class, InstitutionsCommand.Show.class})
final class InstitutionsCommand {


  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Register an institution. It signs its token requests with the private half of --public-key.")
  static final class Add implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--uscc", required = true, paramLabel = "CODE",
        description = "Unified social credit code, 18 characters (GB 32100-2015), e.g. 91350100M000100Y43.")
    String uscc;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Name shown to citizens, at most 200 characters.")
    String name;

    @Option(names = "--public-key", required = true, paramLabel = "FILE",
        description = "Public key: PEM (-----BEGIN PUBLIC KEY-----) or JWK; EC P-256 or RSA of at least 2048 bits.")
    Path publicKey;

    @Option(names = "--purposes", required = true, split = ",", paramLabel = "PURPOSE",
        description = "Purposes it may query for, as defined in the policies, e.g. LOAN_APPROVAL,POST_LOAN_MANAGEMENT.")
    List<String> purposes;

    @Option(names = "--max-grade", required = true, paramLabel = "GRADE", description = "Highest grade: BASIC, SUMMARY or DETAIL.")
    String maxGrade;

    @Override
    public Integer call() throws Exception {
      ClientKey key = ClientKey.read(publicKey); // before the database: a bad key file fails fast
      List<String> codes = purposes.stream().map(String::strip).toList();
      Institution added = RegistryCommands.withAdmin(config, admin -> admin.addInstitution(uscc, name, key, codes, maxGrade));
      PrintWriter out = spec.commandLine().getOut();
      out.println("registered institution " + added.uscc());
      out.println("  name:      " + added.name());
      out.println("  purposes:  " + String.join(", ", added.purposes()));
      out.println("  max grade: " + added.maxGrade());
      out.println("  key:       " + RegistryCommands.describe(added.key()));
      out.flush();
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every institution, active or disabled.")
  static final class ListAll implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
      List<Institution> institutions = RegistryCommands.withAdmin(config, admin -> admin.listInstitutions());
      PrintWriter out = spec.commandLine().getOut();
      if (institutions.isEmpty()) {
        out.println("no institutions are registered");
        out.flush();
        return 0;
      }
      TextTable table = new TextTable("USCC", "NAME", "STATUS", "MAX GRADE", "PURPOSES", "KEY", "REDIRECT URIS");
      institutions.forEach(institution -> table.row(institution.uscc().value(), institution.name(),
          RegistryCommands.status(institution.active()), institution.maxGrade().name(),
          String.join(",", institution.purposes()), RegistryCommands.describe(institution.key()),
          redirectUris(institution)));
      table.print(out);
      return 0;
    }
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable an institution: it stays registered, but its token requests are refused.")
  static final class Disable implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "CODE", description = "The institution's unified social credit code.")
    String uscc;

    @Override
    public Integer call() throws Exception {
      Institution disabled = RegistryCommands.withAdmin(config, admin -> admin.disableInstitution(uscc));
      spec.commandLine().getOut().printf("disabled institution %s (%s): its token requests are refused%n", disabled.uscc(),
          disabled.name());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled institution again.")
  static final class Enable implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "CODE", description = "The institution's unified social credit code.")
    String uscc;

    @Override
    public Integer call() throws Exception {
      Institution enabled = RegistryCommands.withAdmin(config, admin -> admin.enableInstitution(uscc));
      spec.commandLine().getOut().printf("enabled institution %s (%s)%n", enabled.uscc(), enabled.name());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "set-key", mixinStandardHelpOptions = true,
      description = "Replace an institution's public key (it rotated its key). Assertions signed with the old key are refused from now on.")
  static final class SetKey implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "CODE", description = "The institution's unified social credit code.")
    String uscc;

    @Parameters(index = "1", paramLabel = "FILE", description = "The new public key: PEM or JWK, EC P-256 or RSA >= 2048 bits.")
    Path publicKey;

    @Override
    public Integer call() throws Exception {
      ClientKey key = ClientKey.read(publicKey);
      Institution changed = RegistryCommands.withAdmin(config, admin -> admin.setInstitutionKey(uscc, key));
      spec.commandLine().getOut().printf("institution %s (%s) now signs with %s%n", changed.uscc(), changed.name(),
          RegistryCommands.describe(changed.key()));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "set-webhook", mixinStandardHelpOptions = true,
      description = "Set the http(s) URL the institution's consent events (revoked, paused, resumed, expired, exhausted) are "
          + "POSTed to as signed JWS; --clear or an empty URL removes it.")
  static final class SetWebhook implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "CODE", description = "The institution's unified social credit code.")
    String uscc;

    @Parameters(index = "1", arity = "0..1", paramLabel = "URL", description = "The webhook, e.g. https://bank.example/consent-events.")
    String url;

    @Option(names = "--clear", description = "Remove the webhook: no more events are sent.")
    boolean clear;

    @Override
    public Integer call() throws Exception {
      String webhook = clear || url == null ? "" : url;
      Institution changed = RegistryCommands.withAdmin(config, admin -> admin.setInstitutionWebhook(uscc, webhook));
      PrintWriter out = spec.commandLine().getOut();
      if (webhook.isBlank()) {
        out.printf("institution %s (%s) has no webhook: no consent events are sent%n", changed.uscc(), changed.name());
      } else {
        out.printf("institution %s (%s) now receives consent events at %s%n", changed.uscc(), changed.name(), webhook.strip());
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "set-redirect-uris", mixinStandardHelpOptions = true,
      description = "Replace the URIs a citizen may be sent back to after answering one of the institution's consent "
          + "requests (a request names one with \"redirectUri\"). Absolute https URIs, no fragment or user info, "
          + "at most 2000 characters each, at most 10; plain http only for 127.0.0.1 or localhost (development). "
          + "Stored exactly as given. --clear removes them all.")
  static final class SetRedirectUris implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "CODE", description = "The institution's unified social credit code.")
    String uscc;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "URI",
        description = "A redirect URI, e.g. https://bank.example/consent/callback.")
    List<String> uris = new ArrayList<>();

    @Option(names = "--clear", description = "Remove every redirect URI: consent requests can no longer name one.")
    boolean clear;

    @Override
    public Integer call() throws Exception {
      if (clear != uris.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "give one or more URIs, or --clear (not both)");
      }
      Institution changed = RegistryCommands.withAdmin(config, admin -> admin.setInstitutionRedirectUris(uscc, uris));
      PrintWriter out = spec.commandLine().getOut();
      if (changed.redirectUris().isEmpty()) {
        out.printf("institution %s (%s) has no redirect URIs: its consent requests cannot name one%n", changed.uscc(),
            changed.name());
      } else {
        out.printf("institution %s (%s) may send citizens back to:%n", changed.uscc(), changed.name());
        changed.redirectUris().forEach(uri -> out.println("  " + uri));
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show one institution: name, status, purposes, maximum grade, key, webhook and redirect URIs.")
  static final class Show implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "CODE", description = "The institution's unified social credit code.")
    String uscc;

    @Override
    public Integer call() throws Exception {
      record Shown(Institution institution, Optional<String> webhook) {}
      Shown shown = RegistryCommands.withAdmin(config, admin -> admin.findInstitution(uscc).compose(found -> {
        Institution institution = found.orElseThrow(() -> new RegistryException(RegistryException.Reason.NOT_FOUND,
            "no institution " + uscc + " is registered"));
        return admin.institutionWebhook(uscc).map(webhook -> new Shown(institution, webhook));
      }));
      Institution institution = shown.institution();
      PrintWriter out = spec.commandLine().getOut();
      out.println("institution " + institution.uscc());
      out.println("  name:          " + institution.name());
      out.println("  status:        " + RegistryCommands.status(institution.active()));
      out.println("  purposes:      " + String.join(", ", institution.purposes()));
      out.println("  max grade:     " + institution.maxGrade());
      out.println("  key:           " + RegistryCommands.describe(institution.key()));
      out.println("  webhook:       " + shown.webhook().orElse("-"));
      if (institution.redirectUris().isEmpty()) {
        out.println("  redirect URIs: -");
      } else {
        out.println("  redirect URIs:");
        institution.redirectUris().forEach(uri -> out.println("    " + uri));
      }
      out.flush();
      return 0;
    }
  }

  /** The redirect URIs in one cell: a URI holds no space, so spaces part them; {@code -} for none. */
  private static String redirectUris(Institution institution) {
    return institution.redirectUris().isEmpty() ? "-" : String.join(" ", institution.redirectUris());
  }
}
