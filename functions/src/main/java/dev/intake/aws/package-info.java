/**
 * The adapters on AWS SDK v2: the DynamoDB submission store (its item layout and table set-up in
 * classes of their own), the S3 object store and the check functions' SDK-client-free S3 adapter
 * ({@link dev.intake.aws.S3WorkObjects}, with its credentials from
 * {@link dev.intake.aws.LambdaCredentials}), the Step Functions starter and history, Powertools
 * metrics, the SDK clients ({@link dev.intake.aws.ClientFactory}), SnapStart priming, and one wiring
 * per function family ({@link dev.intake.aws.IntakeWiring}, {@link dev.intake.aws.CheckWiring},
 * {@link dev.intake.aws.AggregateWiring}, {@link dev.intake.aws.FailureWiring},
 * {@link dev.intake.aws.DigestWiring}, {@link dev.intake.aws.ApiWiring}): the composition roots that
 * build each handler's collaborators from the function's environment
 * ({@link dev.intake.contracts.LambdaEnvironment} names it). A family's wiring names only the SDK
 * clients and libraries that family uses, so its artifact carries no others.
 *
 * <p>The only package with SDK types. Nothing of the domain core may depend on it (ArchUnit checks
 * it); it depends on the ports it implements and on the services it wires.
 */
package dev.intake.aws;
