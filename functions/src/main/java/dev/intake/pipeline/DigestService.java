package dev.intake.pipeline;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.model.Text;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program office's daily digest (run on business-day mornings by EventBridge Scheduler on AWS,
 * by the local runtime's timer or {@code ./pipeline digest} locally): counts of what arrived since
 * the previous business day's digest by status and by review state, the office's open queue by
 * review state with how many are due today, and the list of overdue submissions, oldest first. It
 * emits the overdue count as the {@code ReviewsOverdue} metric and publishes one message, in the
 * notifications' envelope ({@code default} JSON, {@code email} text).
 */
public final class DigestService {

  private static final Logger LOG = LoggerFactory.getLogger(DigestService.class);
  private static final int PAGE = 100;
  /** Overdue submissions listed one by one in the e-mail; the JSON lists them all. */
  static final int MAX_LISTED = 100;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final SubmissionStore store;
  private final Clock clock;
  private final String apiBaseUrl;
  private final PipelineMetrics metrics;
  private final Notifier notifier;

  public DigestService(SubmissionStore store, Clock clock, String apiBaseUrl, PipelineMetrics metrics,
      Notifier notifier) {
    this.store = store;
    this.clock = clock;
    this.apiBaseUrl = apiBaseUrl == null ? "" : apiBaseUrl.replaceAll("/+$", "");
    this.metrics = metrics;
    this.notifier = notifier;
  }

  /** Makes today's digest, emits the overdue metric and publishes it. */
  public Digest run() {
    Digest digest = compute();
    metrics.reviewsOverdue(digest.overdue().size());
    notifier.publish(subject(digest), envelope(digest));
    LOG.info("Digest for {}: {} received, {} awaiting the office, {} overdue", digest.day(), digest.received(),
        digest.queue(), digest.overdue().size());
    return digest;
  }

  /** The digest as of the clock's now. */
  public Digest compute() {
    Instant now = clock.instant();
    ZonedDateTime at = now.atZone(ZoneOffset.UTC);
    LocalDate today = at.toLocalDate();
    Instant from = DueDates.previousBusinessDay(today).atTime(at.toLocalTime()).toInstant(ZoneOffset.UTC);

    Map<SubmissionStatus, Integer> byStatus = new EnumMap<>(SubmissionStatus.class);
    Map<Review.State, Integer> byReview = new EnumMap<>(Review.State.class);
    for (SubmissionStatus s : SubmissionStatus.values()) {
      byStatus.put(s, 0);
    }
    for (Review.State s : Review.State.values()) {
      byReview.put(s, 0);
    }
    each(SubmissionQuery.ALL.receivedFrom(from), s -> {
      if (s.receivedAt().isBefore(now)) {
        byStatus.merge(s.status(), 1, Integer::sum);
        byReview.merge(s.review().state(), 1, Integer::sum);
      }
    });

    Map<Review.State, Integer> queue = new EnumMap<>(Review.State.class);
    List<Submission> overdue = new ArrayList<>();
    int[] dueToday = {0};
    for (Review.State open : List.of(Review.State.NEW, Review.State.IN_REVIEW)) {
      queue.put(open, 0);
      each(SubmissionQuery.ALL.withReview(open).oldestFirst(true), s -> {
        queue.merge(open, 1, Integer::sum);
        if (s.overdue(today)) {
          overdue.add(s);
        } else if (s.dueBy().equals(today)) {
          dueToday[0]++;
        }
      });
    }
    overdue.sort((a, b) -> a.receivedAt().compareTo(b.receivedAt()));
    return new Digest(today, from, now, byStatus, byReview, queue, dueToday[0], overdue);
  }

  private void each(SubmissionQuery query, Consumer<Submission> action) {
    String token = null;
    do {
      Page<Submission> page = store.list(query, PAGE, token);
      page.items().forEach(action);
      token = page.nextToken();
    } while (token != null);
  }

  /** Business days past the due date on {@code day}: 1 the business day after it is due. */
  static int businessDaysLate(Submission s, LocalDate day) {
    int late = 0;
    for (LocalDate d = s.dueBy().plusDays(1); !d.isAfter(day); d = d.plusDays(1)) {
      if (DueDates.businessDay(d)) {
        late++;
      }
    }
    return late;
  }

  static String subject(Digest d) {
    return "Competency intake digest " + d.day() + ": " + d.queue() + " awaiting, " + d.overdue().size() + " overdue";
  }

  String envelope(Digest d) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("default", json(d).toString());
    n.put("email", text(d));
    return n.toString();
  }

  ObjectNode json(Digest d) {
    ObjectNode n = PipelineJson.mapper().createObjectNode();
    n.put("type", "digest");
    n.put("audience", "programOffice");
    n.put("day", d.day().toString());
    ObjectNode window = n.putObject("window");
    window.put("from", d.from().toString());
    window.put("to", d.to().toString());
    ObjectNode received = n.putObject("received");
    received.put("total", d.received());
    ObjectNode byStatus = received.putObject("byStatus");
    for (SubmissionStatus s : SubmissionStatus.values()) {
      byStatus.put(s.name(), d.receivedByStatus().getOrDefault(s, 0));
    }
    ObjectNode byReview = received.putObject("byReview");
    for (Review.State s : Review.State.values()) {
      byReview.put(s.name(), d.receivedByReview().getOrDefault(s, 0));
    }
    ObjectNode queue = n.putObject("queue");
    queue.put("total", d.queue());
    ObjectNode queueByReview = queue.putObject("byReview");
    d.queueByReview().forEach((state, count) -> queueByReview.put(state.name(), count));
    queue.put("overdue", d.overdue().size());
    queue.put("dueToday", d.dueToday());
    ArrayNode overdue = n.putArray("overdue");
    for (Submission s : d.overdue()) {
      ObjectNode o = overdue.addObject();
      o.put("submissionId", s.submissionId());
      o.put("partnerId", s.partnerId());
      o.put("partnerName", Text.visible(s.evaluation().partnerName()));
      o.put("fileName", Text.visible(s.fileName()));
      o.put("status", s.status().name());
      o.put("review", s.review().state().name());
      o.put("receivedAt", s.receivedAt().toString());
      o.put("dueBy", s.dueBy().toString());
      o.put("businessDaysLate", businessDaysLate(s, d.day()));
      o.put("link", apiBaseUrl + "/submissions/" + s.submissionId());
    }
    ObjectNode links = n.putObject("links");
    links.put("overdue", apiBaseUrl + "/submissions?overdue=true&sort=oldest");
    links.put("queue", apiBaseUrl + "/submissions?review=NEW&sort=oldest");
    return n;
  }

  String text(Digest d) {
    StringBuilder out = new StringBuilder();
    DayOfWeek weekday = d.day().getDayOfWeek();
    out.append("Competency intake - daily digest for ").append(d.day()).append(" (")
        .append(weekday.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).append(")\n\n");
    out.append("Received since ").append(WHEN.format(d.from())).append(": ").append(d.received()).append('\n');
    out.append("  by status: ");
    List<String> parts = new ArrayList<>();
    for (SubmissionStatus s : SubmissionStatus.values()) {
      parts.add(s.name() + " " + d.receivedByStatus().getOrDefault(s, 0));
    }
    out.append(String.join(", ", parts)).append('\n');
    out.append("  by review: ");
    parts.clear();
    for (Review.State s : Review.State.values()) {
      parts.add(s.name() + " " + d.receivedByReview().getOrDefault(s, 0));
    }
    out.append(String.join(", ", parts)).append("\n\n");
    out.append("Awaiting the program office: ").append(d.queue()).append(" (NEW ")
        .append(d.queueByReview().getOrDefault(Review.State.NEW, 0)).append(", IN_REVIEW ")
        .append(d.queueByReview().getOrDefault(Review.State.IN_REVIEW, 0)).append(")\n");
    out.append("  overdue: ").append(d.overdue().size()).append(", due today: ").append(d.dueToday())
        .append(" (a reply is due five business days after receipt)\n");
    if (d.overdue().isEmpty()) {
      out.append("\nNothing is overdue.\n");
    } else {
      out.append("\nOverdue, oldest first\n");
      int n = 0;
      for (Submission s : d.overdue()) {
        if (++n > MAX_LISTED) {
          out.append("  … and ").append(d.overdue().size() - MAX_LISTED).append(" more: see the overdue link.\n");
          break;
        }
        String name = Text.visible(s.evaluation().partnerName());
        int late = businessDaysLate(s, d.day());
        out.append("  ").append(s.submissionId()).append("  ").append(s.partnerId())
            .append(name.isEmpty() ? "" : " " + name).append(", ").append(Text.visible(s.fileName())).append('\n')
            .append("      ").append(s.status()).append(", review ").append(s.review().state())
            .append(", received ").append(WHEN.format(s.receivedAt())).append(", due ").append(s.dueBy())
            .append(" (").append(late).append(" business day").append(late == 1 ? "" : "s").append(" late)\n");
      }
    }
    out.append("\nLinks\n");
    out.append("  Overdue: ").append(apiBaseUrl).append("/submissions?overdue=true&sort=oldest\n");
    out.append("  Queue:   ").append(apiBaseUrl).append("/submissions?review=NEW&sort=oldest\n");
    return out.toString();
  }
}
