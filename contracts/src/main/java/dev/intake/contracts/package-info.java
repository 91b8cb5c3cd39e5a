/**
 * The facts two sides of the project must spell the same way, each in one place: the Lambda
 * functions' environment variable names ({@link dev.intake.contracts.LambdaEnvironment}), the
 * submissions table's keys and indexes ({@link dev.intake.contracts.SubmissionsTable}), the intake
 * bucket's prefixes ({@link dev.intake.contracts.BucketLayout}), which artifact each function runs
 * ({@link dev.intake.contracts.FunctionFamily}), and how a program finds the
 * repository it runs from ({@link dev.intake.contracts.RepositoryRoot}). The CDK stack
 * ({@code infra}), the Lambda code ({@code functions}) and the local runtime ({@code local}) import
 * them.
 *
 * <p>Must not depend on anything but the JDK: every Lambda artifact, the CDK app and the CLI all carry it,
 * and a dependency here would become theirs.
 */
package dev.intake.contracts;
