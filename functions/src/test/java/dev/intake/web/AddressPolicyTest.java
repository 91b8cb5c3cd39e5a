package dev.intake.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1           | loopback",
      "127.255.255.254     | loopback",
      "::1                 | loopback",
      "0.0.0.0             | unspecified",
      "0.1.2.3             | unspecified",
      "::                  | unspecified",
      "10.0.0.1            | private",
      "10.255.255.255      | private",
      "172.16.0.1          | private",
      "172.31.255.255      | private",
      "192.168.1.1         | private",
      "169.254.169.254     | instance-metadata",
      "169.254.170.2       | credentials",
      "169.254.1.1         | link-local",
      "fe80::1             | link-local",
      "febf::1             | link-local",
      "100.64.0.1          | carrier-grade NAT",
      "100.127.255.255     | carrier-grade NAT",
      "224.0.0.1           | multicast",
      "239.255.255.250     | multicast",
      "ff02::1             | multicast",
      "255.255.255.255     | broadcast",
      "240.0.0.1           | reserved",
      "192.0.0.8           | IETF protocol",
      "192.0.2.1           | documentation",
      "198.51.100.7        | documentation",
      "203.0.113.9         | documentation",
      "2001:db8::1         | documentation",
      "198.18.0.1          | benchmarking",
      "198.19.255.255      | benchmarking",
      "fc00::1             | unique-local",
      "fd12:3456::1        | unique-local",
      "fd00:ec2::254       | instance-metadata",
      "fec0::1             | site-local",
      "::ffff:127.0.0.1    | IPv4-mapped address embedding a loopback",
      "::ffff:10.1.2.3     | IPv4-mapped address embedding a private",
      "::ffff:169.254.169.254 | IPv4-mapped address embedding the cloud instance-metadata",
      "::127.0.0.1         | IPv4-compatible",
      "::8.8.8.8           | IPv4-compatible",
      "2002:a00:1::1       | 6to4",
      "2002:808:808::1     | 6to4",
      "2001:0:4136:e378:8000:63bf:3fff:fdd2 | Teredo",
      "64:ff9b::a00:1      | NAT64 address embedding a private",
      "64:ff9b::a9fe:a9fe  | NAT64 address embedding the cloud instance-metadata",
      "64:ff9b:1::1        | local-use NAT64",
      "100::1              | discard-only",
      "4000::1             | reserved IPv6",
  })
  void refusal_specialPurposeAddress_isRefusedWithItsKind(String literal, String kind) {
    InetAddress address = TestAddresses.parse(literal);

    Optional<String> refusal = AddressPolicy.refusal(address);

    assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason).contains(kind));
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "223.255.255.255", "172.15.255.255", "172.32.0.0",
      "100.63.255.255", "100.128.0.0", "169.253.255.255", "169.255.0.0", "198.17.255.255", "198.20.0.0",
      "192.0.1.1", "2606:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808"})
  void refusal_publicAddress_isAllowed(String literal) {
    InetAddress address = TestAddresses.parse(literal);

    Optional<String> refusal = AddressPolicy.refusal(address);

    assertThat(refusal).isEmpty();
  }

  @Test
  void refusal_mappedAddressInIpv6Form_checksTheEmbeddedIpv4() {
    InetAddress mapped = TestAddresses.parse("::ffff:169.254.169.254");

    Optional<String> refusal = AddressPolicy.refusal(mapped);

    assertThat(mapped).isInstanceOf(Inet6Address.class);
    assertThat(refusal).hasValueSatisfying(reason -> assertThat(reason).contains("metadata"));
  }
}
