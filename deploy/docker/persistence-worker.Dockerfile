# Herald persistence-worker: JetStream to PostgreSQL; /metrics and /health/* on HERALD_OPS_PORT 9290.
# Build from the repository root, after `mvn -B package -DskipTests` (docs/operations.md "Containers"):
#   docker build -f deploy/docker/persistence-worker.Dockerfile -t herald/persistence-worker:0.1.0 .
FROM eclipse-temurin:21-jre-alpine
# A fixed numeric user, so that Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
RUN addgroup -S -g 10001 herald && adduser -S -D -H -u 10001 -G herald herald
COPY --chown=0:0 persistence-worker/target/persistence-worker-*-all.jar /opt/herald/persistence-worker.jar
USER 10001:10001
EXPOSE 9290
# Container-sized heap; more JVM flags through JAVA_TOOL_OPTIONS, which the JVM reads itself (no shell here).
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/herald/persistence-worker.jar"]
