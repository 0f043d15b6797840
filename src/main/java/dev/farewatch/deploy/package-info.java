/** Inside Payara or WildFly: {@link dev.farewatch.deploy.ContainerLifecycle} starts the node on the container's managed scheduler and stops it on undeploy. */
package dev.farewatch.deploy;
