/**
 * The embedded runtime: the whole pipeline on one machine with no AWS account
 * ({@link dev.intake.local.LocalRuntime}). S3Proxy and dynalite stand in for S3 and DynamoDB behind
 * the same adapters as on AWS, the ASL runner ({@code dev.intake.local.asl}) runs
 * {@code statemachine/submission.asl.json} with the real handlers as its tasks
 * ({@link dev.intake.local.LocalWorkflow}), a poller turns new uploads into the S3 events the intake
 * handler gets on AWS, a local server puts the reviewer API on 127.0.0.1 behind a bearer token, and
 * notifications go to an outbox folder.
 *
 * <p>Wires the same handlers and services as AWS does; it must not hold pipeline logic of its own,
 * or the local runs would stop saying anything about AWS. Nothing in the functions module depends on it.
 */
package dev.intake.local;
