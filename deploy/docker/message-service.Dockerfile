# Herald message-service: gRPC on 9090, /metrics and /health/* on HERALD_OPS_PORT 9190. `migrate` as the first argument migrates the schema (as its owner) and exits.
# Build from the repository root, after `mvn -B package -DskipTests` (docs/operations.md "Containers"):
#   docker build -f deploy/docker/message-service.Dockerfile -t herald/message-service:0.1.0 .
FROM eclipse-temurin:21-jre-alpine
# A fixed numeric user, so that Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
RUN addgroup -S -g 10001 herald && adduser -S -D -H -u 10001 -G herald herald
COPY --chown=0:0 message-service/target/message-service-*-all.jar /opt/herald/message-service.jar
USER 10001:10001
EXPOSE 9090 9190
# Container-sized heap; more JVM flags through JAVA_TOOL_OPTIONS, which the JVM reads itself (no shell here).
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/herald/message-service.jar"]
