package dev.intake.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.CellRef;
import dev.intake.model.Finding;
import dev.intake.model.FindingsReport;
import dev.intake.model.PartnerRef;
import dev.intake.model.ReportStatus;
import dev.intake.model.Severity;
import dev.intake.model.Summary;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The findings report's JSON form, field for field as DESIGN.md gives it. */
public final class ReportJson {

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(FindingsReport report) {
    try {
      return MAPPER.writeValueAsString(toTree(report));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode toTree(FindingsReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("submissionId", r.submissionId());
    ObjectNode partner = root.putObject("partner");
    partner.put("name", r.partner().name());
    partner.put("id", r.partner().id());
    root.put("checklistVersion", r.checklistVersion());
    root.put("asOf", r.asOf().toString());
    root.put("status", r.status().name());
    root.set("summary", summary(r.summary()));
    ArrayNode findings = root.putArray("findings");
    r.findings().forEach(f -> findings.add(finding(f)));
    return root;
  }

  public static ObjectNode summary(Summary s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("blockers", s.blockers());
    n.put("warnings", s.warnings());
    n.put("passed", s.passed());
    return n;
  }

  public static ObjectNode finding(Finding f) {
    ObjectNode n = MAPPER.createObjectNode();
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
    return n;
  }

  public static FindingsReport read(String json) {
    try {
      return fromTree(MAPPER.readTree(json));
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
        ref);
  }
}
