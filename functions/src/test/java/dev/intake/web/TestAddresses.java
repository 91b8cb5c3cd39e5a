package dev.intake.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address literals as a resolver could return them, IPv4-mapped IPv6 kept in its IPv6 form. */
final class TestAddresses {

  private TestAddresses() {
  }

  static InetAddress parse(String literal) {
    try {
      InetAddress parsed = InetAddress.getByName(literal);
      if (parsed instanceof Inet4Address && literal.contains(":")) {
        // InetAddress folds ::ffff:a.b.c.d into IPv4; a hostile resolver answer need not be folded.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(parsed.getAddress(), 0, mapped, 12, 4);
        return Inet6Address.getByAddress(null, mapped, -1);
      }
      return parsed;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
