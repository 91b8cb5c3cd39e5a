package dev.intake.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.checklist.Quote;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import dev.intake.model.Text;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The findings report's JSON form, field for field as DESIGN.md gives it, and in each finding of a
 * whole report the checklist sentence it rests on ({@code "quote": {"ref", "text"}} or null; derived
 * from the checklist data when written, ignored when read). A finding alone ({@link #finding}, what
 * the workflow passes between states) carries no quote.
 *
 * <p>{@link #write} streams the report with jackson-core's generator and the mapper's own pretty
 * printer: the same text as serialising {@link #toTree} with {@link #mapper()}, without building an
 * {@code ObjectMapper}, which costs a cold verdict more than the rules do (see BENCHMARKS.md). The
 * mapper is built on first use.
 */
public final class ReportJson {

  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReportJson() {
  }

  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  public static String write(FindingsReport r) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      g.writeStartObject();
      g.writeStringField("submissionId", r.submissionId());
      g.writeObjectFieldStart("partner");
      g.writeStringField("name", r.partner().name());
      g.writeStringField("id", r.partner().id());
      g.writeEndObject();
      g.writeStringField("checklistVersion", r.checklistVersion());
      g.writeStringField("asOf", r.asOf().toString());
      g.writeStringField("status", r.status().name());
      g.writeObjectFieldStart("summary");
      g.writeNumberField("blockers", r.summary().blockers());
      g.writeNumberField("warnings", r.summary().warnings());
      g.writeNumberField("passed", r.summary().passed());
      g.writeEndObject();
      g.writeArrayFieldStart("findings");
      FindingQuotes quotes = FindingQuotes.of(r);
      for (Finding f : r.findings()) {
        write(g, f, quotes.quote(f).orElse(null));
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The report is handed to the partner and the program office: the guard behind the cleaning of
    // partner text where it is read (a sheet's own name, for one, is kept as written to find the sheet).
    return Text.printable(out.toString());
  }

  private static void write(JsonGenerator g, Finding f, Quote quote) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", f.ruleId());
    g.writeStringField("checklistRef", f.checklistRef());
    g.writeStringField("severity", f.severity().name());
    g.writeStringField("message", f.message());
    g.writeStringField("remediation", f.remediation());
    if (f.location() == null) {
      g.writeNullField("location");
    } else {
      g.writeObjectFieldStart("location");
      g.writeStringField("sheet", f.location().sheet());
      g.writeStringField("cell", f.location().cell());
      if (f.location().row() == null) {
        g.writeNullField("row");
      } else {
        g.writeNumberField("row", f.location().row());
      }
      g.writeEndObject();
    }
    g.writeStringField("subject", f.subject());
    if (quote == null) {
      g.writeNullField("quote");
    } else {
      g.writeObjectFieldStart("quote");
      g.writeStringField("ref", quote.ref());
      g.writeStringField("text", quote.text());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  public static ObjectNode toTree(FindingsReport r) {
    ObjectNode root = NODES.objectNode();
    root.put("submissionId", r.submissionId());
    ObjectNode partner = root.putObject("partner");
    partner.put("name", r.partner().name());
    partner.put("id", r.partner().id());
    root.put("checklistVersion", r.checklistVersion());
    root.put("asOf", r.asOf().toString());
    root.put("status", r.status().name());
    root.set("summary", summary(r.summary()));
    ArrayNode findings = root.putArray("findings");
    FindingQuotes quotes = FindingQuotes.of(r);
    for (Finding f : r.findings()) {
      ObjectNode n = finding(f);
      Quote quote = quotes.quote(f).orElse(null);
      if (quote == null) {
        n.putNull("quote");
      } else {
        n.putObject("quote").put("ref", quote.ref()).put("text", quote.text());
      }
      findings.add(n);
    }
    return root;
  }

  public static ObjectNode summary(Summary s) {
    ObjectNode n = NODES.objectNode();
    n.put("blockers", s.blockers());
    n.put("warnings", s.warnings());
    n.put("passed", s.passed());
    return n;
  }

  public static ObjectNode finding(Finding f) {
    ObjectNode n = NODES.objectNode();
    n.put("ruleId", f.ruleId());
    n.put("checklistRef", f.checklistRef());
    n.put("severity", f.severity().name());
    n.put("message", f.message());
    n.put("remediation", f.remediation());
    if (f.location() == null) {
      n.putNull("location");
    } else {
      ObjectNode loc = n.putObject("location");
      loc.put("sheet", f.location().sheet());
      loc.put("cell", f.location().cell());
      if (f.location().row() == null) {
        loc.putNull("row");
      } else {
        loc.put("row", f.location().row());
      }
    }
    n.put("subject", f.subject());
    return n;
  }

  public static FindingsReport read(String json) {
    try {
      return fromTree(mapper().readTree(json));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static FindingsReport fromTree(JsonNode n) {
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : n.path("findings")) {
      findings.add(findingFrom(f));
    }
    JsonNode s = n.path("summary");
    return new FindingsReport(n.path("submissionId").isNull() ? null : n.path("submissionId").asText(null),
        new PartnerRef(n.path("partner").path("name").asText(""), n.path("partner").path("id").asText("")),
        n.path("checklistVersion").asText(), LocalDate.parse(n.path("asOf").asText()),
        ReportStatus.valueOf(n.path("status").asText()),
        new Summary(s.path("blockers").asInt(), s.path("warnings").asInt(), s.path("passed").asInt()), findings);
  }

  public static Finding findingFrom(JsonNode f) {
    JsonNode loc = f.path("location");
    CellRef ref = loc.isObject()
        ? new CellRef(loc.path("sheet").asText(), loc.path("cell").isNull() ? null : loc.path("cell").asText(null),
        loc.path("row").isNull() || loc.path("row").isMissingNode() ? null : loc.path("row").asInt())
        : null;
    return new Finding(f.path("ruleId").asText(), f.path("checklistRef").asText(),
        Severity.valueOf(f.path("severity").asText()), f.path("message").asText(), f.path("remediation").asText(),
        ref, f.path("subject").isTextual() ? f.path("subject").asText() : null);
  }
}
