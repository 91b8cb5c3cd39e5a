/**
 * The adapters on AWS SDK v2: the DynamoDB submission store (its item layout and table set-up in
 * classes of their own), the S3 object store, the Step Functions starter and history, Powertools
 * metrics, the SDK clients, SnapStart priming, and {@link dev.intake.aws.AwsWiring}, the composition
 * root that builds each handler's collaborators from the function's environment
 * ({@link dev.intake.contracts.LambdaEnvironment} names it).
 *
 * <p>The only package with SDK types. Nothing of the domain core may depend on it (ArchUnit checks
 * it); it depends on the ports it implements and on the services it wires.
 */
package dev.intake.aws;
