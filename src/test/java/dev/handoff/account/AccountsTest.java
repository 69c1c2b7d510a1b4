package dev.handoff.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How matching compares: names without case, punctuation and legal form; domains as the DNS knows them. */
class AccountsTest {

    @Test
    void namesMatchWithoutCasePunctuationAndLegalForm() {
        assertThat(Accounts.nameKey("ACME, Inc.")).isEqualTo(Accounts.nameKey("Acme"));
        assertThat(Accounts.nameKey("Müller GmbH & Co. KG")).isEqualTo(Accounts.nameKey("muller"));
        assertThat(Accounts.nameKey("Acme Robotics")).isNotEqualTo(Accounts.nameKey("Acme"));
        assertThat(Accounts.nameKey("AG")).as("a legal form alone stays a name").isEqualTo("ag");
        assertThat(Accounts.nameKey("!!!")).isEmpty();
    }

    @Test
    void domainsAreLowerCaseAsciiWithoutWwwAndParentsMatchMostSpecificFirst() {
        assertThat(Accounts.normalDomain(" WWW.Acme.COM ")).isEqualTo("acme.com");
        assertThat(Accounts.normalDomain("@acme.com")).isEqualTo("acme.com");
        assertThat(Accounts.normalDomain("bücher.de")).isEqualTo("xn--bcher-kva.de");
        assertThat(Accounts.normalDomain("acme")).isNull();
        assertThat(Accounts.normalDomain("a..b")).isNull();
        assertThat(Accounts.normalDomain("acme.com/path")).isNull();
        assertThat(Accounts.normalDomain("acme.com\u0000")).isNull();
        assertThat(Accounts.domainOf("Vera@EU.Acme.com")).isEqualTo("eu.acme.com");
        assertThat(Accounts.parentDomains("eu.west.acme.com")).containsExactly("eu.west.acme.com", "west.acme.com",
                "acme.com");
    }

    @Test
    void theShippedFreeMailListHoldsTheCommonProvidersAndSettingsAddMore() {
        FreeMailDomains domains = new FreeMailDomains(List.of("mail.example"));
        assertThat(domains.contains("GMAIL.com")).isTrue();
        assertThat(domains.contains("web.de")).isTrue();
        assertThat(domains.contains("mail.example")).isTrue();
        assertThat(domains.contains("acme.com")).isFalse();
    }
}
