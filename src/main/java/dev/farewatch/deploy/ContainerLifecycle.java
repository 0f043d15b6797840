package dev.farewatch.deploy;

import dev.farewatch.Farewatch;
import dev.farewatch.Host;
import dev.farewatch.config.FarewatchConfig;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Starts Farewatch when the WAR is deployed, ticking on the container's managed scheduler, mounts its
 * HTTP API at {@code /api}, and stops it on undeploy: ticker cancelled, every connection closed with 1001.
 */
@WebListener
public class ContainerLifecycle implements ServletContextListener {

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    private ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    private ManagedThreadFactory threads;

    private Farewatch farewatch;
    private ApiServlet api;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Host host = new Host(event.getServletContext().getServerInfo(), Host.Scheduler.MANAGED);
        farewatch = Farewatch.start(FarewatchConfig.fromEnvironment(), scheduler, threads, host);
        // Registered here rather than annotated, so that the servlet is handed the node's API instead of looking it up.
        api = new ApiServlet(farewatch.httpApi());
        event.getServletContext().addServlet("farewatch-api", api).addMapping("/api/*");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        // Stopped first: while it drains, its health checks still answer (not ready) rather than a bare 503.
        if (farewatch != null) {
            farewatch.stop();
            farewatch = null;
        }
        if (api != null) {
            // WildFly keeps an undeployed application's servlet instances for a while: let go of the node now.
            api.detach();
            api = null;
        }
    }
}
