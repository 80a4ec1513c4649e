package co.igscraper.kafka.connect.client;

import net.jqwik.api.lifecycle.AroundContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/** Raises ContractDrift's log level to ERROR for one property class and then restores it. */
final class QuietContractDriftWarnings implements AroundContainerHook {
  // jqwik keeps one instance per hook class and runs containers one after another.
  private Level driftLogLevel;

  // Every try has its own ContractDrift, which warns once per new deviation: thousands of lines.
  @Override
  public void beforeContainer(ContainerLifecycleContext context) {
    driftLogLevel = LogManager.getLogger(ContractDrift.class).getLevel();
    Configurator.setLevel(ContractDrift.class.getName(), Level.ERROR);
  }

  @Override
  public void afterContainer(ContainerLifecycleContext context) {
    Configurator.setLevel(ContractDrift.class.getName(), driftLogLevel);
  }
}
