package dev.intake.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.contracts.RepositoryRoot;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: one {@link PipelineStack} per environment, named {@code CompetencyIntake-{env}}
 * ({@code -c env=dev|staging|prod}, dev by default), checked by cdk-nag's AWS Solutions pack.
 * {@code npx cdk synth} runs it through {@code cdk.json}.
 */
public final class PipelineApp {

  private PipelineApp() {
  }

  public static void main(String[] args) {
    Path root = RepositoryRoot.locate();
    App app = newApp(root, Map.of());
    addNagChecks(app);
    addPipeline(app, PipelineSettings.fromContext(app.getNode(), root));
    app.synth();
  }

  /**
   * An app whose context starts with the {@code context} of the repository's {@code cdk.json}
   * (feature flags), then {@code extra}; the CDK CLI's own context, when run by it, comes on top.
   * A synth in a test therefore sees the same feature flags as {@code cdk synth}.
   */
  public static App newApp(Path root, Map<String, Object> extra) {
    return new App(AppProps.builder().context(context(root, extra)).build());
  }

  /** As {@link #newApp(Path, Map)}, writing the cloud assembly to {@code outdir}. */
  public static App newApp(Path root, Map<String, Object> extra, Path outdir) {
    return new App(AppProps.builder().context(context(root, extra)).outdir(outdir.toString()).build());
  }

  private static Map<String, Object> context(Path root, Map<String, Object> extra) {
    Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext(root));
    context.putAll(extra);
    return context;
  }

  /** cdk-nag's AWS Solutions checks on every stack of the app; once per app. */
  public static void addNagChecks(App app) {
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
  }

  /** The pipeline stack of {@code settings.env()}; an app may hold one per environment side by side. */
  public static PipelineStack addPipeline(App app, PipelineSettings settings) {
    PipelineStack stack = new PipelineStack(app, settings.stackName(), StackProps.builder()
        .stackName(settings.stackName())
        .description("Competency intake pipeline (" + settings.env() + "): checks AWS DevOps Competency "
            + "self-assessment workbooks")
        .build(), settings);
    Tags.of(stack).add("project", "competency-intake");
    Tags.of(stack).add("environment", settings.env());
    return stack;
  }

  static Map<String, Object> cdkJsonContext(Path root) {
    Path cdkJson = root.resolve("cdk.json");
    if (!Files.isRegularFile(cdkJson)) {
      return Map.of();
    }
    try {
      ObjectMapper mapper = new ObjectMapper();
      JsonNode context = mapper.readTree(cdkJson.toFile()).path("context");
      if (context.isMissingNode()) {
        return Map.of();
      }
      return mapper.convertValue(context, new TypeReference<Map<String, Object>>() { });
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + cdkJson, e);
    }
  }
}
