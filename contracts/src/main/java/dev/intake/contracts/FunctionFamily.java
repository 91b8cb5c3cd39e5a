package dev.intake.contracts;

import java.util.List;

/**
 * The Lambda functions grouped by what their code needs; each family is one artifact, built by the
 * functions module ({@code functions/target/lambda/<id>.jar}) with only the libraries and SDK
 * clients its handlers use, and deployed by the CDK stack to exactly that family's functions. The
 * build, its tests and the stack all take the mapping from here.
 */
public enum FunctionFamily {

  /** S3 upload → parse → store → start the workflow, and the re-drive of what intake gave up on. */
  INTAKE("intake", "IntakeHandler", "DeadLetterHandler"),
  /** The workflow's three check groups: rules over the parsed workbook intake stored (S3 only). */
  CHECKS("checks", "PrerequisitesHandler", "CaseStudiesHandler", "PublicUrlsHandler"),
  /** The workflow's verdict: report, annotated workbook, stored evaluation. */
  AGGREGATE("aggregate", "AggregateHandler"),
  /** The workflow's Catch target: stores a submission FAILED. */
  FAILURE("failure", "FailureHandler"),
  /** The program office's daily digest. */
  DIGEST("digest", "DigestHandler"),
  /** The reviewer API behind API Gateway. */
  API("api", "ApiHandler");

  /** The package of every handler class. */
  public static final String HANDLER_PACKAGE = "dev.intake.handlers.";
  /** Where the functions module writes the artifacts, relative to the repository root. */
  public static final String ARTIFACT_FOLDER = "functions/target/lambda";

  private final String id;
  private final List<String> handlers;

  FunctionFamily(String id, String... handlers) {
    this.id = id;
    this.handlers = List.of(handlers);
  }

  /** Lower case; the artifact's file name without {@code .jar}. */
  public String id() {
    return id;
  }

  /** The simple names of the family's handler classes (in {@link #HANDLER_PACKAGE}). */
  public List<String> handlers() {
    return handlers;
  }

  /** The artifact's file name in {@link #ARTIFACT_FOLDER}. */
  public String artifactName() {
    return id + ".jar";
  }

  /**
   * The family of a handler class.
   *
   * @param handler its simple name, or its name in {@link #HANDLER_PACKAGE}
   * @throws IllegalArgumentException when no family has it
   */
  public static FunctionFamily of(String handler) {
    String simple = handler.startsWith(HANDLER_PACKAGE) ? handler.substring(HANDLER_PACKAGE.length()) : handler;
    for (FunctionFamily family : values()) {
      if (family.handlers.contains(simple)) {
        return family;
      }
    }
    throw new IllegalArgumentException("no function family has the handler " + handler);
  }
}
