package dev.intake.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which resolved addresses the URL checker may connect to. IPv4 is a block list of every
 * special-purpose range (RFC 6890 and successors); IPv6 is an allow list: only global unicast
 * 2000::/3 minus its special-purpose blocks, plus IPv4-mapped and NAT64 addresses whose embedded
 * IPv4 address is itself allowed. Anything not understood is refused.
 */
final class AddressPolicy {

  private static final List<Block> IPV4 = List.of(
      v4("0.0.0.0", 8, "an unspecified (\"this network\") address"),
      v4("10.0.0.0", 8, "a private address"),
      v4("100.64.0.0", 10, "a carrier-grade NAT (shared) address"),
      v4("127.0.0.0", 8, "a loopback address"),
      // 169.254.169.254 (EC2 instance metadata) and 169.254.170.2 (ECS/Lambda credentials) live here.
      v4("169.254.169.254", 32, "the cloud instance-metadata address"),
      v4("169.254.170.2", 32, "the container credentials (metadata) address"),
      v4("169.254.0.0", 16, "a link-local address"),
      v4("172.16.0.0", 12, "a private address"),
      v4("192.0.0.0", 24, "an IETF protocol-assignment address"),
      v4("192.0.2.0", 24, "a documentation address"),
      v4("192.88.99.0", 24, "a 6to4 relay anycast address"),
      v4("192.168.0.0", 16, "a private address"),
      v4("198.18.0.0", 15, "a benchmarking address"),
      v4("198.51.100.0", 24, "a documentation address"),
      v4("203.0.113.0", 24, "a documentation address"),
      v4("224.0.0.0", 4, "a multicast address"),
      v4("255.255.255.255", 32, "the broadcast address"),
      v4("240.0.0.0", 4, "a reserved address"));

  private static final List<Block> IPV6 = List.of(
      v6("::", 128, "the unspecified address"),
      v6("::1", 128, "a loopback address"),
      // Deprecated IPv4-compatible form: refused outright, whatever it embeds.
      v6("::", 96, "an IPv4-compatible IPv6 address"),
      v6("64:ff9b:1::", 48, "a local-use NAT64 address"),
      v6("100::", 64, "a discard-only address"),
      // Teredo (2001::/32) and the rest of the IETF protocol block: no public web page lives there,
      // and Teredo hides its IPv4 server and client, so the whole prefix is refused.
      v6("2001::", 23, "an IETF protocol-assignment (including Teredo) address"),
      v6("2001:db8::", 32, "a documentation address"),
      // 6to4 embeds an IPv4 address that may be private; the mechanism is deprecated, so refuse it all.
      v6("2002::", 16, "a 6to4 address"),
      v6("3fff::", 20, "a documentation address"),
      v6("fd00:ec2::254", 128, "the cloud instance-metadata address"),
      v6("fc00::", 7, "a unique-local (private) address"),
      v6("fe80::", 10, "a link-local address"),
      v6("fec0::", 10, "a site-local address"),
      v6("ff00::", 8, "a multicast address"));

  private static final Block GLOBAL_UNICAST = v6("2000::", 3, "a global unicast address");
  private static final Block MAPPED = v6("::ffff:0:0", 96, "an IPv4-mapped address");
  private static final Block NAT64 = v6("64:ff9b::", 96, "a NAT64 address");

  private AddressPolicy() {
  }

  /** Empty when a connection to {@code address} is allowed; otherwise what kind of address it is. */
  static Optional<String> refusal(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return v4Refusal(bytes);
    }
    if (address instanceof Inet6Address) {
      return v6Refusal(bytes);
    }
    return Optional.of("an address of an unknown family");
  }

  private static Optional<String> v4Refusal(byte[] bytes) {
    for (Block b : IPV4) {
      if (b.contains(bytes)) {
        return Optional.of(b.kind());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> v6Refusal(byte[] bytes) {
    if (MAPPED.contains(bytes) || NAT64.contains(bytes)) {
      Optional<String> embedded = v4Refusal(Arrays.copyOfRange(bytes, 12, 16));
      String form = MAPPED.contains(bytes) ? "an IPv4-mapped address" : "a NAT64 address";
      return embedded.map(kind -> form + " embedding " + kind);
    }
    for (Block b : IPV6) {
      if (b.contains(bytes)) {
        return Optional.of(b.kind());
      }
    }
    if (!GLOBAL_UNICAST.contains(bytes)) {
      return Optional.of("a reserved IPv6 address");
    }
    return Optional.empty();
  }

  private static Block v4(String prefix, int bits, String kind) {
    return new Block(parse(prefix, 4), bits, kind);
  }

  private static Block v6(String prefix, int bits, String kind) {
    return new Block(parse(prefix, 16), bits, kind);
  }

  private static byte[] parse(String literal, int length) {
    byte[] bytes;
    if (length == 16 && !literal.contains(":")) {
      throw new IllegalArgumentException(literal);
    }
    try {
      // Literals only: InetAddress does no lookup for them. Mapped literals come back as IPv4.
      bytes = InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
    if (bytes.length == length) {
      return bytes;
    }
    if (length == 16 && bytes.length == 4) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(bytes, 0, mapped, 12, 4);
      return mapped;
    }
    throw new IllegalArgumentException(literal);
  }

  /** A prefix of {@code bits} bits. */
  private record Block(byte[] prefix, int bits, String kind) {

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (prefix[full] & mask);
    }
  }
}
