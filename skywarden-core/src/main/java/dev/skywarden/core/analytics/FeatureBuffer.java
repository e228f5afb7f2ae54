package dev.skywarden.core.analytics;

import java.util.Arrays;

/**
 * The features of one event, collected before the profiles are updated under their locks. One
 * buffer per worker thread is reused for every event, so extracting allocates no collection. Not
 * thread-safe.
 */
final class FeatureBuffer implements FeatureExtractor.FeatureSink {

  private FeatureKind[] kinds = new FeatureKind[64];
  private String[] values = new String[64];
  private int size;
  private OperationCatalog.OperationClass operationClass;
  private String operation;

  @Override
  public void accept(FeatureKind kind, String value) {
    if (size == kinds.length) {
      kinds = Arrays.copyOf(kinds, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    kinds[size] = kind;
    values[size] = value;
    size++;
  }

  @Override
  public void operationClass(OperationCatalog.OperationClass operationClass) {
    this.operationClass = operationClass;
  }

  @Override
  public void operation(String operation) {
    this.operation = operation;
  }

  void clear() {
    Arrays.fill(values, 0, size, null);
    size = 0;
    operationClass = null;
    operation = null;
  }

  /**
   * Returns the event's operation as the extractor's shared instance, or null when none was passed
   * since the clear.
   */
  String operation() {
    return operation;
  }

  /** Returns the class of the event's operation, or null when none was passed since the clear. */
  OperationCatalog.OperationClass operationClass() {
    return operationClass;
  }

  int size() {
    return size;
  }

  FeatureKind kind(int index) {
    return kinds[index];
  }

  String value(int index) {
    return values[index];
  }
}
