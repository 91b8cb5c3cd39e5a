/**
 * The Lambda entry points, one per function of the CDK stack: each turns its event (S3, SQS, a
 * workflow task's JSON, an API Gateway proxy request) into one service call and nothing more. Each
 * has a no-argument constructor for the Lambda runtime, one taking its family's wiring (such as
 * {@link dev.intake.aws.IntakeWiring}: what the runtime builds from the function's environment; the
 * system tests use it with the template's environment), and one taking its collaborators for tests.
 * The functions of one family ({@link dev.intake.contracts.FunctionFamily}) share one artifact.
 *
 * <p>Must hold no logic of the pipeline, and nothing of the domain core may depend on it (ArchUnit
 * checks the latter).
 */
package dev.intake.handlers;
