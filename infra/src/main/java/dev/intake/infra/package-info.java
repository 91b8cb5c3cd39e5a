/**
 * The CDK app: one stack ({@link dev.intake.infra.PipelineStack}) with the storage, the eight
 * functions, the workflow read from {@code statemachine/submission.asl.json}, the reviewer REST API,
 * access for partners and reviewers, alarms and the dashboard, checked by cdk-nag.
 *
 * <p>Depends on {@code dev.intake.contracts} for every name it shares with the Lambda code, and must
 * not depend on the functions module: {@code cdk synth} builds this module alone, and names handler
 * classes and the jar by path. The system tests hold its template against the handlers.
 */
package dev.intake.infra;
