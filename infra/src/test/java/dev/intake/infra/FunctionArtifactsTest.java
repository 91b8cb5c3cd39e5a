package dev.intake.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.contracts.FunctionFamily;
import dev.intake.contracts.RepositoryRoot;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every function deploys the artifact of its handler's family ({@link FunctionFamily}): the check
 * functions share one, and each family's asset is its own jar, byte for byte, as staged for upload.
 */
class FunctionArtifactsTest {

  private static Synth.Result result;
  private static Path artifacts;

  @BeforeAll
  static void synth() {
    result = Synth.defaults();
    artifacts = Synth.codeAssets(RepositoryRoot.locate());
  }

  @Test
  void everyFunction_codeAsset_isTheArtifactOfItsHandlersFamily() {
    Map<String, Map<String, Object>> functions = pipelineFunctions();
    assertThat(functions).hasSize(9);

    functions.forEach((id, props) -> {
      FunctionFamily family = family(props);
      Path staged = result.outdir().resolve("asset." + s3Key(props));

      assertThat(staged).as(id + " runs the " + family.id() + " artifact")
          .hasSameBinaryContentAs(artifacts.resolve(family.artifactName()));
    });
  }

  @Test
  void functionsOfOneFamily_shareOneAsset_andNoTwoFamiliesShareOne() {
    Map<FunctionFamily, TreeSet<String>> keys = new EnumMap<>(FunctionFamily.class);
    pipelineFunctions().values().forEach(props ->
        keys.computeIfAbsent(family(props), f -> new TreeSet<>()).add(s3Key(props)));

    assertThat(keys).containsOnlyKeys(FunctionFamily.values());
    keys.forEach((family, assets) -> assertThat(assets).as(family.id()).hasSize(1));
    assertThat(keys.values().stream().map(TreeSet::first).distinct()).hasSize(FunctionFamily.values().length);
  }

  @Test
  void checkFunctions_allRunTheChecksArtifact() {
    List<String> checkHandlers = pipelineFunctions().values().stream()
        .filter(props -> family(props) == FunctionFamily.CHECKS)
        .map(props -> String.valueOf(props.get("Handler")))
        .sorted()
        .toList();

    assertThat(checkHandlers).containsExactly(
        Functions.HANDLERS + "CaseStudiesHandler::handleRequest",
        Functions.HANDLERS + "PrerequisitesHandler::handleRequest",
        Functions.HANDLERS + "PublicUrlsHandler::handleRequest");
  }

  /** The pipeline's own functions (CDK's helper functions, which run other code, left out). */
  private static Map<String, Map<String, Object>> pipelineFunctions() {
    Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
    result.ofType("AWS::Lambda::Function").forEach((id, props) -> {
      if (String.valueOf(props.get("Handler")).startsWith(Functions.HANDLERS)) {
        out.put(id, props);
      }
    });
    return out;
  }

  private static FunctionFamily family(Map<String, Object> props) {
    String handler = String.valueOf(props.get("Handler"));
    return FunctionFamily.of(handler.substring(0, handler.indexOf("::")));
  }

  @SuppressWarnings("unchecked")
  private static String s3Key(Map<String, Object> props) {
    return String.valueOf(((Map<String, Object>) props.get("Code")).get("S3Key"));
  }
}
