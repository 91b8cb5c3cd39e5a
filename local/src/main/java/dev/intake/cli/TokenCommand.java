package dev.intake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.local.LocalApiClient;
import dev.intake.local.LocalTokens;
import dev.intake.model.PartnerIds;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Set;

/** {@code token [--partner ID] [--data DIR]}: the running pipeline's API token, or a partner's. */
final class TokenCommand implements Command {

  private static final String PARTNER = "--partner";
  private static final String CONSOLE = "--console";

  @Override public String name() {
    return "token";
  }

  @Override public String synopsis() {
    return "token [--console] [--partner ID] [--data DIR]";
  }

  @Override public String summary() {
    return "Print the local API's reviewer token, a partner's token, or a console sign-in link.";
  }

  @Override public String usage() {
    return "Usage: pipeline " + synopsis() + "\n\n" + summary() + "\n\n"
        + "A partner token sees only that partner's submissions and cannot record decisions, as a partner's\n"
        + "IAM role on AWS.\n\n"
        + "With --console, a new one-time sign-in link for the web console instead (the reviewer's, or with\n"
        + "--partner that partner's view); it is good once, for 12 hours, and only while this run lasts.\n";
  }

  @Override public int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
    Arguments a = Arguments.parse(args, Set.of(PARTNER, Runtimes.DATA), Set.of(CONSOLE));
    if (a.help()) {
      out.print(usage());
      return ExitCodes.OK;
    }
    String partner = a.value(PARTNER).orElse(null);
    if (partner != null && !PartnerIds.isValid(partner)) {
      throw CliException.usage("the partner id must be letters, digits, '.', '_' or '-', not '" + partner + "'");
    }
    if (partner != null && PartnerIds.isReserved(partner)) {
      throw CliException.usage("'" + partner + "' is reserved for uploads outside a partner's folder; no partner "
          + "token can stand for it (the reviewer token lists them: GET /submissions?partnerId="
          + PartnerIds.UNASSIGNED + ")");
    }
    JsonNode runtime = Runtimes.running(a);
    LocalTokens tokens = new LocalTokens(runtime.path("token").asText());
    if (a.flag(CONSOLE)) {
      out.println(consoleLink(runtime, tokens, partner));
      return ExitCodes.OK;
    }
    out.println(partner == null ? tokens.token() : tokens.partnerToken(partner));
    return ExitCodes.OK;
  }

  /** Sign-in links live in the running pipeline's memory: it mints one when the reviewer token asks. */
  private static String consoleLink(JsonNode runtime, LocalTokens tokens, String partner) throws CliException {
    LocalApiClient api = new LocalApiClient(URI.create(runtime.path("api").asText()), tokens.token());
    LocalApiClient.Response r;
    try {
      r = api.post("/console/links", partner == null ? "" : "{\"partnerId\":\"" + partner + "\"}");
    } catch (RuntimeException e) {
      throw new CliException(ExitCodes.UNAVAILABLE, "the pipeline at " + runtime.path("api").asText()
          + " did not answer: " + e.getMessage());
    }
    if (r.status() != 201) {
      throw new CliException(ExitCodes.UNAVAILABLE, "the pipeline refused a sign-in link (" + r.status() + "): "
          + r.body());
    }
    return r.json().path("url").asText();
  }
}
