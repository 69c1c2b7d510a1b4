package dev.handoff.support;

import java.io.IOException;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * With {@code -Dhandoff.test.db=postgres} (the build's second integration-test run) the context gets a real
 * PostgreSQL of its own. The server is a bean the data source depends on, so Spring closes the pool and the
 * engine before it stops the server; a JVM shutdown hook of its own would race them and hang the exit.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "handoff.test.db", havingValue = "postgres")
public class TestDatabase {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    @Bean
    @Primary
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }

    /** The database the integration tests of this run use, for log lines and assertions. */
    public static String name() {
        return System.getProperty("handoff.test.db", "h2");
    }
}
