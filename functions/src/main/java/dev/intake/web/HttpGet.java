package dev.intake.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal HTTP/1.1 GET over a socket that is already connected to a checked address. Written by
 * hand so that no HTTP stack resolves the host name a second time or follows redirects on its own.
 */
final class HttpGet {

  static final String USER_AGENT = "competency-intake-url-check/1.0";

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([0-9]{3})(?: .*)?");
  private static final int MAX_CHUNK_LINE = 1024;

  private HttpGet() {
  }

  /** A response; the body is read only for 2xx answers and holds at most the body cap. */
  record Response(int status, Map<String, List<String>> headers, byte[] body, boolean truncated) {

    Optional<String> header(String name) {
      return firstValue(headers, name);
    }
  }

  /** The server broke the protocol or a limit; the message is the reason shown to the partner. */
  static final class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    ProtocolException(String reason) {
      super(reason);
    }
  }

  static Response exchange(Socket socket, UrlPolicy.Target target, FetchLimits limits) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(request(target).getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
    Budget headerBudget = new Budget(limits.maxHeaderBytes(), "the response headers are larger than "
        + limits.maxHeaderBytes() / 1024 + " KB");
    int status;
    Map<String, List<String>> headers;
    do {
      status = statusOf(readLine(in, headerBudget));
      headers = readHeaders(in, headerBudget);
      if (status == 101) {
        throw new ProtocolException("the server switched protocols");
      }
    } while (status < 200);
    if (status >= 300) {
      return new Response(status, headers, new byte[0], false);
    }
    String encoding = firstValue(headers, "content-encoding").orElse("identity").strip().toLowerCase(Locale.ROOT);
    if (!encoding.isEmpty() && !encoding.equals("identity")) {
      throw new ProtocolException("the server sent a " + encoding + "-encoded body although none was accepted");
    }
    Body body = new Body(limits.maxBodyBytes());
    if (status != 204) {
      readBody(in, headers, body, headerBudget);
    }
    return new Response(status, headers, body.bytes(), body.truncated);
  }

  static String request(UrlPolicy.Target target) {
    return "GET " + target.requestTarget() + " HTTP/1.1\r\n"
        + "Host: " + target.hostHeader() + "\r\n"
        + "User-Agent: " + USER_AGENT + "\r\n"
        + "Accept: text/html, application/xhtml+xml;q=0.9, */*;q=0.1\r\n"
        + "Accept-Encoding: identity\r\n"
        + "Connection: close\r\n"
        + "\r\n";
  }

  private static int statusOf(String line) throws ProtocolException {
    Matcher m = STATUS_LINE.matcher(line);
    if (!m.matches()) {
      throw new ProtocolException("the server did not answer with HTTP/1.x");
    }
    return Integer.parseInt(m.group(1));
  }

  private static Map<String, List<String>> readHeaders(InputStream in, Budget budget) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = readLine(in, budget); !line.isEmpty(); line = readLine(in, budget)) {
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        throw new ProtocolException("the server sent a malformed header line");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Map.copyOf(copy);
  }

  private static void readBody(InputStream in, Map<String, List<String>> headers, Body body, Budget trailerBudget)
      throws IOException {
    List<String> transferEncoding = headers.getOrDefault("transfer-encoding", List.of());
    if (!transferEncoding.isEmpty()) {
      String last = transferEncoding.get(transferEncoding.size() - 1).toLowerCase(Locale.ROOT);
      if (last.strip().endsWith("chunked")) {
        readChunked(in, body, trailerBudget);
      } else {
        readToEnd(in, body);
      }
      return;
    }
    List<String> lengths = headers.getOrDefault("content-length", List.of());
    if (lengths.isEmpty()) {
      readToEnd(in, body);
      return;
    }
    readExactly(in, body, contentLength(lengths));
  }

  private static long contentLength(List<String> values) throws ProtocolException {
    long length = -1;
    for (String value : values) {
      for (String part : value.split(",", -1)) {
        String digits = part.strip();
        if (!digits.matches("[0-9]{1,18}")) {
          throw new ProtocolException("the server sent an invalid Content-Length");
        }
        long n = Long.parseLong(digits);
        if (length != -1 && length != n) {
          throw new ProtocolException("the server sent conflicting Content-Length headers");
        }
        length = n;
      }
    }
    return length;
  }

  private static void readExactly(InputStream in, Body body, long length) throws IOException {
    long left = length;
    while (left > 0 && !body.full()) {
      long got = body.readFrom(in, left);
      if (got < 0) {
        throw new ProtocolException("the connection closed before the whole body arrived");
      }
      left -= got;
    }
    if (left > 0) {
      body.truncated = true;
    }
  }

  private static void readToEnd(InputStream in, Body body) throws IOException {
    while (!body.full()) {
      if (body.readFrom(in, Long.MAX_VALUE) < 0) {
        return;
      }
    }
    // Reading on to tell a body of exactly the cap from a longer one could wait on a slow server.
    body.truncated = true;
  }

  private static void readChunked(InputStream in, Body body, Budget trailerBudget) throws IOException {
    while (true) {
      Budget lineBudget = new Budget(MAX_CHUNK_LINE, "the server sent an overlong chunk header");
      String line = readLine(in, lineBudget);
      int semicolon = line.indexOf(';');
      String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip();
      if (!hex.matches("[0-9a-fA-F]{1,15}")) {
        throw new ProtocolException("the server sent an invalid chunk size");
      }
      long size = Long.parseLong(hex, 16);
      if (size == 0) {
        readHeaders(in, trailerBudget);
        return;
      }
      readExactly(in, body, size);
      if (body.truncated) {
        return;
      }
      if (!readLine(in, lineBudget).isEmpty()) {
        throw new ProtocolException("the server sent a malformed chunk");
      }
    }
  }

  private static Optional<String> firstValue(Map<String, List<String>> headers, String name) {
    List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** One line, without its CRLF (a bare LF also ends it), counted against {@code budget}. */
  private static String readLine(InputStream in, Budget budget) throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new ProtocolException("the connection closed in the middle of the response");
      }
      budget.take();
      if (c == '\n') {
        break;
      }
      line.append((char) c);
    }
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      line.setLength(end - 1);
    }
    return line.toString();
  }

  /** A byte count that may not be exceeded. */
  private static final class Budget {

    private final String overflow;
    private int left;

    Budget(int bytes, String overflow) {
      this.left = bytes;
      this.overflow = overflow;
    }

    void take() throws ProtocolException {
      if (--left < 0) {
        throw new ProtocolException(overflow);
      }
    }
  }

  /** The body read so far, never more than its cap. */
  private static final class Body {

    private final int cap;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private boolean truncated;

    Body(int cap) {
      this.cap = cap;
    }

    boolean full() {
      return bytes.size() >= cap;
    }

    /** Reads at most {@code max} bytes (and never past the cap); -1 at the end of the stream. */
    long readFrom(InputStream in, long max) throws IOException {
      int want = (int) Math.min(Math.min(max, buffer.length), cap - bytes.size());
      int n = in.read(buffer, 0, want);
      if (n > 0) {
        bytes.write(buffer, 0, n);
      }
      return n;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
