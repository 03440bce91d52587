# Herald development identity provider (never production): `serve --host 0.0.0.0 --port 8090 --dir DIR` serves the JWKS, `token USER` prints a JWT signed with the key in --dir.
# Build from the repository root, after `mvn -B package -DskipTests` (docs/operations.md "Containers"):
#   docker build -f deploy/docker/dev-idp.Dockerfile -t herald/dev-idp:0.1.0 .
FROM eclipse-temurin:21-jre-alpine
# A fixed numeric user, so that Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
RUN addgroup -S -g 10001 herald && adduser -S -D -H -u 10001 -G herald herald \
 && mkdir -p /var/lib/herald-idp && chown 10001:10001 /var/lib/herald-idp
# The key pair is made here on first use; `token` run in the same container signs with it.
ENV HERALD_DEV_IDP_DIR=/var/lib/herald-idp
COPY --chown=0:0 dev-idp/target/herald-dev-idp-*-all.jar /opt/herald/dev-idp.jar
USER 10001:10001
EXPOSE 8090
# Container-sized heap; more JVM flags through JAVA_TOOL_OPTIONS, which the JVM reads itself (no shell here).
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/herald/dev-idp.jar"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8090"]
