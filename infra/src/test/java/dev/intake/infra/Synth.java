package dev.intake.infra;

import dev.intake.contracts.FunctionFamily;
import dev.intake.contracts.RepositoryRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * Synthesizes the pipeline stack for the tests — at most once per variant and JVM, because each
 * synth starts jsii's Node process and costs seconds. Test classes call it from {@code @BeforeAll}.
 */
final class Synth {

  /** The SSO permission-set role pattern and the IAM role the full variants trust as reviewers. */
  static final String SSO_REVIEWERS =
      "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_CompetencyReviewer_*";
  static final String BREAK_GLASS_REVIEWER = "arn:aws:iam::111122223333:role/competency-break-glass";

  /** The context of the variant with every optional value set. */
  static final Map<String, Object> FULL_CONTEXT = Map.of(
      PipelineSettings.CONTEXT_NOTIFICATION_EMAIL, "program-office@example.com",
      PipelineSettings.CONTEXT_ALARM_EMAIL, "operations@example.com",
      PipelineSettings.CONTEXT_PARTNER_IDS, "acme,globex-1",
      PipelineSettings.CONTEXT_PARTNER_TRUST, "{\"acme\":{\"principal\":\"arn:aws:iam::444455556666:role/uploader\","
          + "\"externalId\":\"acme-7f3c2b9e\"},\"globex-1\":{\"principal\":\"777788889999\","
          + "\"externalId\":\"globex-51d0aa42\"}}",
      PipelineSettings.CONTEXT_REVIEWER_PRINCIPALS, SSO_REVIEWERS + "," + BREAK_GLASS_REVIEWER,
      PipelineSettings.CONTEXT_URL_CHECK, "true",
      PipelineSettings.CONTEXT_RETENTION_DAYS, "400",
      PipelineSettings.CONTEXT_PARTNER_CONTACTS, "{\"acme\":\"competency@acme.example\","
          + "\"globex-1\":\"partners@globex.example\"}");

  /** The full context as one environment has it. */
  static Map<String, Object> fullContext(String env) {
    Map<String, Object> context = new java.util.HashMap<>(FULL_CONTEXT);
    context.put(PipelineSettings.CONTEXT_ENV, env);
    return context;
  }

  /** One synthesized stack, its template, and the cloud assembly's folder. */
  record Result(PipelineStack stack, Template template, Map<String, Object> json, Path outdir) {

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources() {
      return (Map<String, Map<String, Object>>) json.get("Resources");
    }

    /** The resources of one type, by logical id. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> ofType(String type) {
      Map<String, Map<String, Object>> out = new TreeMap<>();
      resources().forEach((id, r) -> {
        if (type.equals(r.get("Type"))) {
          out.put(id, (Map<String, Object>) r.get("Properties"));
        }
      });
      return out;
    }

    /** The logical id of a construct's CloudFormation resource. */
    String logicalId(IConstruct construct) {
      return Nag.logicalId(construct);
    }
  }

  private static Result defaults;
  private static Result full;
  private static List<Result> sideBySide;

  private Synth() {
  }

  /** No context values: no partner roles, no e-mail subscription, URL check off. */
  static synchronized Result defaults() {
    if (defaults == null) {
      defaults = synth("defaults", Map.of());
    }
    return defaults;
  }

  /** Every optional context value set ({@link #FULL_CONTEXT}). */
  static synchronized Result full() {
    if (full == null) {
      full = synth("full", FULL_CONTEXT);
    }
    return full;
  }

  /**
   * Staging and prod, each with the full context, as two stacks of one app: what deploying both
   * into one account would create side by side.
   */
  static synchronized List<Result> sideBySide() {
    if (sideBySide == null) {
      Path root = RepositoryRoot.locate();
      Path outdir = root.resolve("infra/target/cdk-test/side-by-side");
      App app = PipelineApp.newApp(root, Map.of(), outdir);
      PipelineApp.addNagChecks(app);
      List<PipelineStack> stacks = new ArrayList<>();
      for (String env : List.of("staging", "prod")) {
        stacks.add(PipelineApp.addPipeline(app, PipelineSettings.fromValues(fullContext(env), codeAssets(root),
            root.resolve("statemachine/submission.asl.json"))));
      }
      List<Result> results = new ArrayList<>();
      for (PipelineStack stack : stacks) {
        Template template = Template.fromStack(stack);
        results.add(new Result(stack, template, template.toJSON(), outdir));
      }
      sideBySide = List.copyOf(results);
    }
    return sideBySide;
  }

  private static Result synth(String name, Map<String, Object> context) {
    Path root = RepositoryRoot.locate();
    Path outdir = root.resolve("infra/target/cdk-test/" + name);
    App app = PipelineApp.newApp(root, context, outdir);
    PipelineApp.addNagChecks(app);
    PipelineSettings settings = PipelineSettings.fromContext(app.getNode(), codeAssets(root), root);
    PipelineStack stack = PipelineApp.addPipeline(app, settings);
    Template template = Template.fromStack(stack);
    return new Result(stack, template, template.toJSON(), outdir);
  }

  /**
   * The function artifacts when they have been built (in {@code verify} the functions module is
   * packaged before infra); otherwise — e.g. {@code mvn -pl infra test} on a clean checkout — a
   * folder of small dummy jars, one per family and each different, because the template only refers
   * to a code asset by its hash and never runs it.
   */
  static Path codeAssets(Path root) {
    Path built = root.resolve(FunctionFamily.ARTIFACT_FOLDER);
    if (Arrays.stream(FunctionFamily.values()).allMatch(f -> Files.isRegularFile(built.resolve(f.artifactName())))) {
      return built;
    }
    try {
      Path dir = Files.createDirectories(root.resolve("infra/target/cdk-test/dummy-artifacts"));
      for (FunctionFamily family : FunctionFamily.values()) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream out = Files.newOutputStream(dir.resolve(family.artifactName()));
            JarOutputStream entries = new JarOutputStream(out, manifest)) {
          entries.putNextEntry(new JarEntry("README.txt"));
          entries.write(("placeholder of the " + family.id() + " functions' artifact for the infra tests; not "
              + "deployable").getBytes(StandardCharsets.UTF_8));
          entries.closeEntry();
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every statement of every identity policy (inline, default and managed) in the template. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> identityStatements(Result result) {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
      for (Map<String, Object> props : result.ofType(type).values()) {
        statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) props.get("PolicyDocument"))
            .get("Statement"));
      }
    }
    for (Map<String, Object> role : result.ofType("AWS::IAM::Role").values()) {
      for (Map<String, Object> policy : (List<Map<String, Object>>) role.getOrDefault("Policies", List.of())) {
        statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) policy.get("PolicyDocument"))
            .get("Statement"));
      }
    }
    return statements;
  }

  /** A statement's Action (or Resource) as a list, whether the template holds one value or many. */
  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> l ? (List<Object>) l : List.of(value);
  }
}
