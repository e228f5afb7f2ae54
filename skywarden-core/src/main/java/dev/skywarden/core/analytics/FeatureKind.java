package dev.skywarden.core.analytics;

import java.util.Locale;

/** The kinds of feature a behavioural profile keeps per identity. */
public enum FeatureKind {
  /** The API service, such as {@code iam.amazonaws.com}. */
  SERVICE,
  /** The service and operation, such as {@code iam.amazonaws.com CreateAccessKey}. */
  OPERATION,
  /** The source network: an IPv4 /24 or an IPv6 /48, such as {@code 203.0.113.0/24}. */
  NETWORK,
  /** The autonomous system of the source address, when an ASN database is configured. */
  ASN,
  /** The country of the source address, when a country database is configured. */
  COUNTRY,
  /** The client fingerprint without versions, such as {@code AWS_CLI:aws-cli}. */
  CLIENT,
  /** The region of the call, such as {@code eu-west-1}. */
  REGION,
  /** The hour of day of the call in UTC, {@code 00} to {@code 23}. */
  HOUR,
  /** A request parameter name per operation, such as {@code RunInstances userData}. */
  PARAMETER_KEY,
  /**
   * A notable parameter value per operation, such as {@code RunInstances instanceType=p3.16xlarge}.
   */
  PARAMETER_VALUE,
  /**
   * The published range of one of the three clouds that the source address is in, by provider and
   * service, such as {@code azure AzureCloud}, when the hunt placed the address with {@code
   * --ip-ranges}. It lets a new /24 inside a cloud range the identity already calls from (CI
   * runners, CloudShell) count as known.
   */
  CLOUD_RANGE;

  /** Returns the lower-case name used in explanations and saved state, such as {@code network}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** Returns the kind whose {@link #label()} or name is {@code text}, ignoring case. */
  static FeatureKind parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT).replace(' ', '_'));
  }
}
