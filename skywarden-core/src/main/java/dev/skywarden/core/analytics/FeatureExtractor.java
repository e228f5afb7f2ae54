package dev.skywarden.core.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skywarden.core.event.CloudEvent;
import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.event.NetworkInfo;
import dev.skywarden.core.event.NetworkKind;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Turns an event into the feature values its identity's profile keeps: service, operation, source
 * network (and its AS and country when the hunt has network intel), client, region, hour of day,
 * request parameter names and notable parameter values.
 *
 * <p>Values are interned, so one string serves every identity that shares it. The values derived
 * from an operation (its {@link FeatureKind#OPERATION} value, parameter keys and the prefixes of
 * notable values) and the /24 networks of IPv4 addresses are built once and then looked up, so an
 * event whose inputs repeat builds no new strings for them. Thread-safe.
 */
final class FeatureExtractor {

  /** How many parameter names of one request become features; the rest are ignored. */
  static final int MAX_PARAMETER_KEYS = 32;

  /** Parameter values longer than this are cut, so a large policy document stays small. */
  static final int MAX_VALUE_LENGTH = 200;

  /** Receives the features of one event. */
  interface FeatureSink {
    void accept(FeatureKind kind, String value);

    /**
     * Receives the capability class of the event's operation. The extractor finds it with the
     * operation's other derived values, so the caller need not look it up again. Ignored by
     * default.
     */
    default void operationClass(OperationCatalog.OperationClass operationClass) {}

    /**
     * Receives the event's operation name as one shared instance per distinct name, whose hash code
     * is computed already, when the event has an operation. Ignored by default.
     */
    default void operation(String operation) {}
  }

  private static final String[] HOURS = new String[24];

  static {
    for (int i = 0; i < 24; i++) {
      HOURS[i] = String.format(java.util.Locale.ROOT, "%02d", i);
    }
  }

  /** Maximum entries of each lookup cache below; past it, new values are built for every event. */
  static final int MAX_CACHED_KEYS = 100_000;

  private final NotableParameters notable;
  private final OperationCatalog catalog;
  private final Map<String, String> interned = new ConcurrentHashMap<>();

  /** The interned service and the derived keys of its operations, by provider and service. */
  private final Map<CloudProvider, Map<String, ServiceKeys>> operations =
      new EnumMap<>(CloudProvider.class);

  /** The derived keys of each operation of events without a service, by provider. */
  private final Map<CloudProvider, Map<String, OperationKeys>> operationsWithoutService =
      new EnumMap<>(CloudProvider.class);

  /** IPv4 /24 network values by the address's first three bytes. */
  private final Map<Integer, String> ipv4Networks = new ConcurrentHashMap<>();

  /** The base-2 logarithm of the slots of {@link #networkFeatures}. */
  private static final int NETWORK_SLOT_BITS = 10;

  /**
   * The network feature values of recent sources, one entry per slot chosen by the address ({@link
   * #networkFeatures(CloudEvent, InetAddress, NetworkInfo)}). A race overwrites a slot with an
   * entry that is right for its own instance.
   */
  private final AtomicReferenceArray<NetworkFeatures> networkFeatures =
      new AtomicReferenceArray<>(1 << NETWORK_SLOT_BITS);

  /**
   * The interned ASN, country and cloud range values of one {@link NetworkInfo} instance, as seen
   * from events of {@code cloud}; each null when the event has no such feature.
   */
  private record NetworkFeatures(
      NetworkInfo info, CloudProvider cloud, String asn, String country, String cloudRange) {}

  /** Creates an extractor that classifies operations with the bundled catalogue. */
  FeatureExtractor(NotableParameters notable) {
    this(notable, OperationCatalog.bundled());
  }

  /** Creates an extractor that classifies operations with {@code catalog}. */
  FeatureExtractor(NotableParameters notable, OperationCatalog catalog) {
    this.notable = notable;
    this.catalog = catalog;
    for (CloudProvider provider : CloudProvider.values()) {
      operations.put(provider, new ConcurrentHashMap<>());
      operationsWithoutService.put(provider, new ConcurrentHashMap<>());
    }
  }

  /**
   * Passes every feature of {@code event} to {@code sink}, and the {@link
   * OperationCatalog#classify} of the event to {@link FeatureSink#operationClass}.
   */
  void extract(CloudEvent event, FeatureSink sink) {
    String service = event.api().service();
    String operation = event.api().operation();
    ServiceKeys serviceKeys = null;
    if (service != null) {
      serviceKeys = serviceKeys(event.provider(), service);
      service = serviceKeys.service;
      sink.accept(FeatureKind.SERVICE, service);
    }
    OperationKeys keys = null;
    if (operation != null) {
      keys = operationKeys(event.provider(), serviceKeys, operation);
      sink.accept(FeatureKind.OPERATION, keys.operationKey);
      sink.operation(keys.operation);
      sink.operationClass(keys.operationClass(event));
    } else {
      sink.operationClass(catalog.classify(event));
    }
    InetAddress ip = event.source().ip();
    if (ip != null) {
      sink.accept(FeatureKind.NETWORK, networkValue(ip));
      NetworkInfo info = event.source().network();
      if (info != null) {
        NetworkFeatures values = networkFeatures(event, ip, info);
        if (values.asn() != null) {
          sink.accept(FeatureKind.ASN, values.asn());
        }
        if (values.country() != null) {
          sink.accept(FeatureKind.COUNTRY, values.country());
        }
        if (values.cloudRange() != null) {
          sink.accept(FeatureKind.CLOUD_RANGE, values.cloudRange());
        }
      }
    }
    sink.accept(FeatureKind.CLIENT, intern(client(event)));
    String region = event.region();
    if (region != null) {
      region = intern(region);
      sink.accept(FeatureKind.REGION, region);
    }
    long hour = Math.floorMod(Math.floorDiv(event.time().getEpochSecond(), 3600L), 24L);
    sink.accept(FeatureKind.HOUR, HOURS[(int) hour]);
    if (keys != null) {
      parameters(event, keys, region, sink);
    }
  }

  /** Returns the cached interned service and operation keys of a service, creating them. */
  private ServiceKeys serviceKeys(CloudProvider provider, String service) {
    Map<String, ServiceKeys> byService = operations.get(provider);
    ServiceKeys keys = byService.get(service);
    if (keys == null) {
      keys = new ServiceKeys(intern(service));
      if (byService.size() < MAX_CACHED_KEYS) {
        ServiceKeys raced = byService.putIfAbsent(keys.service, keys);
        keys = raced == null ? keys : raced;
      }
    }
    return keys;
  }

  /**
   * Returns the cached keys of an operation, creating them on first use.
   *
   * @param service the keys of the event's service, or null for an event without one
   */
  private OperationKeys operationKeys(
      CloudProvider provider, ServiceKeys service, String operation) {
    Map<String, OperationKeys> byOperation =
        service == null ? operationsWithoutService.get(provider) : service.operations;
    OperationKeys keys = byOperation.get(operation);
    if (keys == null) {
      keys =
          new OperationKeys(provider, service == null ? null : service.service, intern(operation));
      if (byOperation.size() < MAX_CACHED_KEYS) {
        OperationKeys raced = byOperation.putIfAbsent(keys.operation, keys);
        keys = raced == null ? keys : raced;
      }
    }
    return keys;
  }

  /**
   * Returns the interned ASN, country and cloud range values of {@code info} for an event of {@code
   * event}'s cloud. The slot is chosen by the address, and an entry is used only for the same
   * {@link NetworkInfo} instance: network intel without MaxMind databases returns one shared
   * instance per range, so most events find their entry. An instance made per lookup, as with
   * MaxMind databases, misses, and its values are built and interned for each event.
   */
  @SuppressWarnings("ReferenceEquality") // an instance check, cheaper than comparing fields
  private NetworkFeatures networkFeatures(CloudEvent event, InetAddress ip, NetworkInfo info) {
    int slot = (ip.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - NETWORK_SLOT_BITS);
    NetworkFeatures known = networkFeatures.get(slot);
    if (known != null && known.info() == info && known.cloud() == event.provider()) {
      return known;
    }
    String asn = null;
    if (info.asn() != null) {
      String organization = info.asOrganization() == null ? "" : " " + info.asOrganization();
      asn = intern("AS" + info.asn() + organization);
    }
    String country = info.country() == null ? null : intern(info.country());
    String range = cloudRange(event);
    NetworkFeatures fresh =
        new NetworkFeatures(
            info, event.provider(), asn, country, range == null ? null : intern(range));
    networkFeatures.set(slot, fresh);
    return fresh;
  }

  /** Returns the interned {@link #network} value of an address. */
  private String networkValue(InetAddress ip) {
    if (!(ip instanceof Inet4Address)) {
      return intern(network(ip));
    }
    byte[] bytes = ip.getAddress();
    Integer prefix = ((bytes[0] & 0xff) << 16) | ((bytes[1] & 0xff) << 8) | (bytes[2] & 0xff);
    String value = ipv4Networks.get(prefix);
    if (value == null) {
      value = intern(network(ip));
      if (ipv4Networks.size() < MAX_CACHED_KEYS) {
        ipv4Networks.putIfAbsent(prefix, value);
      }
    }
    return value;
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

  private void parameters(CloudEvent event, OperationKeys keys, String region, FeatureSink sink) {
    JsonNode request = request(event);
    if (request != null && request.isObject()) {
      Iterator<String> names = request.fieldNames();
      int count = 0;
      while (names.hasNext() && count < MAX_PARAMETER_KEYS) {
        String name = names.next();
        if (!name.equals("@type")) {
          sink.accept(FeatureKind.PARAMETER_KEY, keys.parameterKey(name));
          count++;
        }
      }
    }
    for (int i = 0; i < keys.notablePaths.size(); i++) {
      String[] path = keys.notablePaths.get(i);
      if (path.length == 1 && path[0].equals(NotableParameters.REGION)) {
        if (region != null) {
          sink.accept(FeatureKind.PARAMETER_VALUE, keys.regionValue(region));
        }
      } else if (request != null) {
        values(request, path, 0, keys.notablePrefixes[i], sink);
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
    // get first: putIfAbsent locks the bin even when the value is there, which it mostly is.
    String existing = interned.get(value);
    if (existing == null) {
      existing = interned.putIfAbsent(value, value);
    }
    return existing == null ? value : existing;
  }

  /** One service of one provider: its interned name and the derived keys of its operations. */
  private static final class ServiceKeys {
    final String service;
    final Map<String, OperationKeys> operations = new ConcurrentHashMap<>();

    ServiceKeys(String service) {
      this.service = service;
    }
  }

  /**
   * The feature values derived from one operation of one service and provider. The maps are keyed
   * by parameter names, which Jackson canonicalises, and by interned regions, so their hash codes
   * are cached in the key strings.
   */
  private final class OperationKeys {
    final String operation;
    final String operationKey;
    final List<String[]> notablePaths;

    /** For each of {@link #notablePaths}: the value prefix, such as {@code RunInstances a.b=}. */
    final String[] notablePrefixes;

    private final Map<String, String> parameterKeys = new ConcurrentHashMap<>();
    private final Map<String, String> regionValues = new ConcurrentHashMap<>();

    /**
     * The {@link OperationCatalog#classify} of the operation for events whose {@code readOnly} is
     * null, true and false (slots 0, 1 and 2), found on first use. A race only classifies twice, to
     * equal values.
     */
    private final AtomicReferenceArray<OperationCatalog.OperationClass> classes =
        new AtomicReferenceArray<>(3);

    OperationKeys(CloudProvider provider, String service, String operation) {
      this.operation = operation;
      this.operationKey = intern(operationKey(service, operation));
      this.notablePaths = notable.paths(provider, operation);
      this.notablePrefixes = new String[notablePaths.size()];
      for (int i = 0; i < notablePrefixes.length; i++) {
        notablePrefixes[i] = operation + ' ' + String.join(".", notablePaths.get(i)) + '=';
      }
    }

    /**
     * Returns {@link OperationCatalog#classify} of {@code event}, an event of this operation, which
     * the catalogue decides by provider, operation and the event's {@code readOnly}.
     */
    OperationCatalog.OperationClass operationClass(CloudEvent event) {
      Boolean readOnly = event.api().readOnly();
      int slot = readOnly == null ? 0 : readOnly ? 1 : 2;
      OperationCatalog.OperationClass known = classes.get(slot);
      if (known == null) {
        known = catalog.classify(event);
        classes.set(slot, known);
      }
      return known;
    }

    /** Returns the {@link FeatureKind#PARAMETER_KEY} value of a request parameter name. */
    String parameterKey(String name) {
      String known = parameterKeys.get(name);
      return known != null ? known : store(parameterKeys, name, operation + ' ' + name);
    }

    /** Returns the notable {@code @region} value of an interned region. */
    String regionValue(String region) {
      String known = regionValues.get(region);
      return known != null ? known : store(regionValues, region, operation + " region=" + region);
    }

    private String store(Map<String, String> cache, String key, String value) {
      String fresh = intern(value);
      if (cache.size() < MAX_CACHED_KEYS) {
        cache.putIfAbsent(key, fresh);
      }
      return fresh;
    }
  }
}
