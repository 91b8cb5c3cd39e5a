package dev.intake.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A reviewer's decision on a submission: one entry of its append-only audit trail. Decisions are
 * numbered 1, 2, 3 … per submission ({@code sequence}); the number is the key the store writes under
 * only if it is free, so two reviewers who read the same trail cannot both append the next entry.
 *
 * <p>Each decision is chained to the one before: {@code hash} is SHA-256 over the previous
 * decision's hash and this decision's {@link #canonical() canonical JSON}, so editing, removing or
 * reordering an entry breaks every hash after it ({@link ReviewLog#verify}).
 *
 * @param findingRef for OVERRIDE_FINDING, which finding ("ruleId@Sheet!A1", or "ruleId" for one
 *     without a cell); null otherwise
 * @param shareWithPartner whether the partner sees this decision (its comment) through the API
 * @param previousHash the hash of decision {@code sequence - 1}; "" for the first
 * @param hash this decision's hash (lower-case hex)
 */
public record Decision(
    String decisionId,
    String submissionId,
    int sequence,
    Action action,
    String comment,
    String findingRef,
    boolean shareWithPartner,
    String reviewer,
    Instant at,
    String previousHash,
    String hash) {

  /** What the reviewer decided. */
  public enum Action { START_REVIEW, REQUEST_CHANGES, ACCEPT, OVERRIDE_FINDING }

  public Decision {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(submissionId, "submissionId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(reviewer, "reviewer");
    Objects.requireNonNull(at, "at");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be 1 or more, was " + sequence);
    }
    previousHash = previousHash == null ? "" : previousHash;
    hash = hash == null ? "" : hash;
  }

  /** A new decision, chained to {@code previousHash} ("" for the first): its hash is computed here. */
  public static Decision chained(String decisionId, String submissionId, int sequence, Action action, String comment,
      String findingRef, boolean shareWithPartner, String reviewer, Instant at, String previousHash) {
    Decision unsealed = new Decision(decisionId, submissionId, sequence, action, comment, findingRef,
        shareWithPartner, reviewer, at, previousHash, "");
    return new Decision(decisionId, submissionId, sequence, action, comment, findingRef, shareWithPartner, reviewer,
        at, previousHash, unsealed.expectedHash());
  }

  /**
   * The decision's content as JSON with a fixed field order and no spaces: what the hash covers
   * (every field but the hashes themselves).
   */
  public String canonical() {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("decisionId", decisionId);
    n.put("submissionId", submissionId);
    n.put("sequence", sequence);
    n.put("action", action.name());
    n.put("comment", comment);
    n.put("finding", findingRef);
    n.put("shareWithPartner", shareWithPartner);
    n.put("reviewer", reviewer);
    n.put("at", at.toString());
    return n.toString();
  }

  /** SHA-256 (hex) of the previous hash followed by {@link #canonical()}: what {@code hash} must be. */
  public String expectedHash() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previousHash.getBytes(StandardCharsets.UTF_8));
      sha.update(canonical().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
