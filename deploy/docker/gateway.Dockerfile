# Herald gateway: WebSocket /ws and the browser client on 8080, /metrics and /health/* on HERALD_OPS_PORT 8180.
# Build from the repository root, after `mvn -B package -DskipTests` (docs/operations.md "Containers"):
#   docker build -f deploy/docker/gateway.Dockerfile -t herald/gateway:0.1.0 .
FROM eclipse-temurin:21-jre-alpine
# A fixed numeric user, so that Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
RUN addgroup -S -g 10001 herald && adduser -S -D -H -u 10001 -G herald herald
COPY --chown=0:0 gateway-service/target/gateway-service-*-all.jar /opt/herald/gateway.jar
USER 10001:10001
EXPOSE 8080 8180
# Container-sized heap; more JVM flags through JAVA_TOOL_OPTIONS, which the JVM reads itself (no shell here).
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/herald/gateway.jar"]
