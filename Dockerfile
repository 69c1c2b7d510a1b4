# syntax=docker/dockerfile:1
# Handoff as a container. Built by `docker compose up --build` (see docker-compose.yml), or alone:
#   docker build -t handoff .
# The first stage builds target/handoff.jar with the Maven wrapper (tests are run by ./mvnw verify, not here).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/handoff handoff \
    && mkdir -p /opt/handoff/data && chown -R handoff /opt/handoff
WORKDIR /opt/handoff
COPY --from=build /src/target/handoff.jar /opt/handoff/handoff.jar
USER handoff
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/opt/handoff/handoff.jar"]
