package dev.skywarden.core.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an event into the feature values its identity's profile keeps: service, operation, source
 * network (and its AS and country when the hunt has network intel), client, region, hour of day,
 * request parameter names and notable parameter values.
 *
 * <p>Values are interned, so one string serves every identity that shares it. Thread-safe.
 */
final class FeatureExtractor {

  /** How many parameter names of one request become features; the rest are ignored. */
  static final int MAX_PARAMETER_KEYS = 32;

  /** Parameter values longer than this are cut, so a large policy document stays small. */
  static final int MAX_VALUE_LENGTH = 200;

  /** Receives the features of one event. */
  interface FeatureSink {
    void accept(FeatureKind kind, String value);
  }

  private static final String[] HOURS = new String[24];

  static {
    for (int i = 0; i < 24; i++) {
      HOURS[i] = String.format(java.util.Locale.ROOT, "%02d", i);
    }
  }

  private final NotableParameters notable;
  private final Map<String, String> interned = new ConcurrentHashMap<>();

  FeatureExtractor(NotableParameters notable) {
    this.notable = notable;
  }

  /** Passes every feature of {@code event} to {@code sink}. */
  void extract(CloudEvent event, FeatureSink sink) {
    String service = event.api().service();
    String operation = event.api().operation();
    if (service != null) {
      sink.accept(FeatureKind.SERVICE, intern(service));
    }
    if (operation != null) {
      sink.accept(FeatureKind.OPERATION, intern(operationKey(service, operation)));
    }
    InetAddress ip = event.source().ip();
    if (ip != null) {
      sink.accept(FeatureKind.NETWORK, intern(network(ip)));
      NetworkInfo info = event.source().network();
      if (info != null && info.asn() != null) {
        String organization = info.asOrganization() == null ? "" : " " + info.asOrganization();
        sink.accept(FeatureKind.ASN, intern("AS" + info.asn() + organization));
      }
      if (info != null && info.country() != null) {
        sink.accept(FeatureKind.COUNTRY, intern(info.country()));
      }
      String range = cloudRange(event);
      if (range != null) {
        sink.accept(FeatureKind.CLOUD_RANGE, intern(range));
      }
    }
    sink.accept(FeatureKind.CLIENT, intern(client(event)));
    if (event.region() != null) {
      sink.accept(FeatureKind.REGION, intern(event.region()));
    }
    long hour = Math.floorMod(event.time().getEpochSecond() / 3600, 24L);
    sink.accept(FeatureKind.HOUR, HOURS[(int) hour]);
    if (operation != null) {
      parameters(event, operation, sink);
    }
  }

  /**
   * Returns the {@link FeatureKind#CLOUD_RANGE} value of an event's source, such as {@code azure
   * AzureCloud}, or null when network intel does not place it in a range of AWS, Azure or Google
   * Cloud.
   */
  static String cloudRange(CloudEvent event) {
    NetworkInfo info = event.source().network();
    if (info == null
        || info.provider() == null
        || info.kindFor(event.provider()) != NetworkKind.CLOUD_PROVIDER) {
      return null;
    }
    return info.service() == null ? info.provider() : info.provider() + " " + info.service();
  }

  /** Returns the operation feature value: the service and operation separated by a space. */
  static String operationKey(String service, String operation) {
    return service == null ? operation : service + ' ' + operation;
  }

  /** Returns the IPv4 /24 or IPv6 /48 of an address, such as {@code 203.0.113.0/24}. */
  static String network(InetAddress ip) {
    byte[] bytes = ip.getAddress();
    if (ip instanceof Inet4Address) {
      return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
    }
    if (ip instanceof Inet6Address) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 6; i += 2) {
        text.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        text.append(':');
      }
      return text.append(":/48").toString();
    }
    return ip.getHostAddress();
  }

  /**
   * Returns the client without versions: the fingerprint labels joined with {@code +}, such as
   * {@code CLOUD_SHELL:aws-cloudshell+AWS_CLI:aws-cli}, or the kind when nothing matched.
   */
  static String client(CloudEvent event) {
    List<String> labels = event.client().labels();
    if (labels.isEmpty()) {
      return event.client().kind().name();
    }
    return labels.size() == 1 ? labels.get(0) : String.join("+", labels);
  }

  private void parameters(CloudEvent event, String operation, FeatureSink sink) {
    JsonNode request = request(event);
    if (request != null && request.isObject()) {
      Iterator<String> names = request.fieldNames();
      int count = 0;
      while (names.hasNext() && count < MAX_PARAMETER_KEYS) {
        String name = names.next();
        if (!name.equals("@type")) {
          sink.accept(FeatureKind.PARAMETER_KEY, intern(operation + ' ' + name));
          count++;
        }
      }
    }
    for (String[] path : notable.paths(event.provider(), operation)) {
      if (path.length == 1 && path[0].equals(NotableParameters.REGION)) {
        if (event.region() != null) {
          sink.accept(FeatureKind.PARAMETER_VALUE, intern(operation + " region=" + event.region()));
        }
      } else if (request != null) {
        values(request, path, 0, operation + ' ' + String.join(".", path) + '=', sink);
      }
    }
  }

  private void values(JsonNode node, String[] path, int index, String prefix, FeatureSink sink) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        values(item, path, index, prefix, sink);
      }
      return;
    }
    if (index == path.length) {
      if (node.isValueNode()) {
        String text = node.asText();
        if (text.length() > MAX_VALUE_LENGTH) {
          text = text.substring(0, MAX_VALUE_LENGTH);
        }
        sink.accept(FeatureKind.PARAMETER_VALUE, intern(prefix + text));
      }
      return;
    }
    values(node.get(path[index]), path, index + 1, prefix, sink);
  }

  /** Returns the request parameters of a CloudTrail record or a GCP audit entry, or null. */
  private static JsonNode request(CloudEvent event) {
    JsonNode raw = event.raw();
    if (event.provider() == CloudProvider.AWS) {
      return raw.get("requestParameters");
    }
    if (event.provider() == CloudProvider.GCP) {
      JsonNode payload = raw.get("protoPayload");
      return payload == null ? null : payload.get("request");
    }
    return null;
  }

  private String intern(String value) {
    String existing = interned.putIfAbsent(value, value);
    return existing == null ? value : existing;
  }
}
