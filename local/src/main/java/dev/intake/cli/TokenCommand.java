package dev.intake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.local.LocalTokens;
import dev.intake.model.PartnerIds;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code token [--partner ID] [--data DIR]}: the running pipeline's API token, or a partner's. */
final class TokenCommand implements Command {

  private static final String PARTNER = "--partner";

  @Override public String name() {
    return "token";
  }

  @Override public String synopsis() {
    return "token [--partner ID] [--data DIR]";
  }

  @Override public String summary() {
    return "Print the local API's reviewer token, or a token that acts as one partner.";
  }

  @Override public String usage() {
    return "Usage: pipeline " + synopsis() + "\n\n" + summary() + "\n\n"
        + "A partner token sees only that partner's submissions and cannot record decisions, as a partner's\n"
        + "IAM role on AWS.\n";
  }

  @Override public int run(List<String> args, PrintStream out, PrintStream err) throws CliException {
    Arguments a = Arguments.parse(args, Set.of(PARTNER, Runtimes.DATA), Set.of());
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
    out.println(partner == null ? tokens.token() : tokens.partnerToken(partner));
    return ExitCodes.OK;
  }
}
