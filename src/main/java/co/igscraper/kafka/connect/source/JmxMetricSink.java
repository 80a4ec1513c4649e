package co.igscraper.kafka.connect.source;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.utils.Sanitizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics fallback for workers without plugin metrics: one MBean per tag set, named by the base
 * keys ({@code type}, {@code connector}, {@code task}) plus the gauges' own tags.
 */
final class JmxMetricSink implements MetricsPublisher.Sink {
  private static final Logger log = LoggerFactory.getLogger(JmxMetricSink.class);

  private final Map<String, String> baseKeys;
  private final List<String> order;
  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  JmxMetricSink(Map<String, String> baseKeys) {
    this.baseKeys = Map.copyOf(new LinkedHashMap<>(baseKeys));
    this.order = List.copyOf(baseKeys.keySet());
  }

  ObjectName name(Map<String, String> tags) throws JMException {
    StringBuilder sb = new StringBuilder(MetricsPublisher.JMX_DOMAIN).append(':');
    for (String key : order) {
      sb.append(key).append('=').append(Sanitizer.jmxSanitize(baseKeys.get(key))).append(',');
    }
    tags.forEach((k, v) -> sb.append(k).append('=').append(Sanitizer.jmxSanitize(v)).append(','));
    sb.setLength(sb.length() - 1);
    return new ObjectName(sb.toString());
  }

  @Override
  public Runnable register(Map<String, String> tags, List<MetricsPublisher.Gauge> gauges)
      throws JMException {
    ObjectName name = name(tags);
    GaugeMBean bean = new GaugeMBean(gauges);
    try {
      server.registerMBean(bean, name);
    } catch (InstanceAlreadyExistsException e) {
      // A task restarted in the same JVM before its predecessor let go: take the name over.
      server.unregisterMBean(name);
      server.registerMBean(bean, name);
    }
    return () -> {
      try {
        server.unregisterMBean(name);
      } catch (JMException e) {
        log.debug("Unregistering {} failed", name, e);
      }
    };
  }

  @Override
  public String toString() {
    try {
      return "JMX MBean " + name(Map.of());
    } catch (JMException e) {
      return "JMX";
    }
  }

  /** One MBean whose read-only attributes are the gauges. */
  private static final class GaugeMBean implements DynamicMBean {
    private final Map<String, MetricsPublisher.Gauge> gauges = new LinkedHashMap<>();
    private final MBeanInfo info;

    GaugeMBean(List<MetricsPublisher.Gauge> list) {
      List<MBeanAttributeInfo> attributes = new ArrayList<>();
      for (MetricsPublisher.Gauge g : list) {
        gauges.put(g.name(), g);
        attributes.add(
            new MBeanAttributeInfo(
                g.name(), g.type().getName(), g.description(), true, false, false));
      }
      info =
          new MBeanInfo(
              GaugeMBean.class.getName(),
              "igscraper connector metrics",
              attributes.toArray(new MBeanAttributeInfo[0]),
              null,
              null,
              null);
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
      MetricsPublisher.Gauge g = gauges.get(attribute);
      if (g == null) {
        throw new AttributeNotFoundException(attribute);
      }
      return g.read();
    }

    @Override
    public void setAttribute(Attribute attribute) {
      throw new UnsupportedOperationException("igscraper metrics are read-only");
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
      AttributeList list = new AttributeList();
      for (String a : attributes) {
        MetricsPublisher.Gauge g = gauges.get(a);
        if (g != null) {
          list.add(new Attribute(a, g.read()));
        }
      }
      return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
      return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) {
      throw new UnsupportedOperationException("igscraper metrics have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
      return info;
    }
  }
}
