package dev.trii.core.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class ApiKeySecretsTest {

  private static final String SECRET = "9-Up4NmNlKuYXFtru6SJzgv6UI7fRo1F2_nyy7RYMV4";

  @RepeatedTest(20)
  void aGeneratedKeyHasTheShapeItsPrefixIsReadFrom() {
    ApiKeySecrets.NewKey issued = ApiKeySecrets.generate();
    assertThat(issued.key()).startsWith(ApiKeySecrets.KEY_START + issued.prefix() + ".");
    assertThat(ApiKeySecrets.prefixOf(issued.key())).contains(issued.prefix());
  }

  @Test
  void readsThePrefixOfAWellFormedKey() {
    assertThat(ApiKeySecrets.prefixOf("trii_sk_e770ceea445b." + SECRET)).contains("e770ceea445b");
    assertThat(ApiKeySecrets.prefixOf("trii_sk_0123456789af.AZaz09_-" + SECRET.substring(8))).contains("0123456789af");
  }

  @Test
  void findsNoPrefixInAnythingElse() {
    assertThat(ApiKeySecrets.prefixOf("")).isEmpty();
    assertThat(ApiKeySecrets.prefixOf("trii_sk_e770ceea445b")).as("no secret").isEmpty();
    assertThat(ApiKeySecrets.prefixOf("trii_sk_e770ceea445b." + SECRET + "A")).as("one character too many").isEmpty();
    assertThat(ApiKeySecrets.prefixOf("trii_sk_e770ceea445b." + SECRET.substring(1))).as("one too few").isEmpty();
    assertThat(ApiKeySecrets.prefixOf("trii_pk_e770ceea445b." + SECRET)).as("another start").isEmpty();
    assertThat(ApiKeySecrets.prefixOf("trii_sk_E770CEEA445B." + SECRET)).as("upper-case hex").isEmpty();
    assertThat(ApiKeySecrets.prefixOf("trii_sk_e770ceea445g." + SECRET)).as("not hex").isEmpty();
    assertThat(ApiKeySecrets.prefixOf("trii_sk_e770ceea445b_" + SECRET)).as("no dot").isEmpty();
    assertThat(ApiKeySecrets.prefixOf("trii_sk_e770ceea445b." + SECRET.replace('_', '/'))).as("base64, not url")
        .isEmpty();
    assertThat(ApiKeySecrets.prefixOf("trii_sk_e770ceea445b." + SECRET.replace('9', '='))).as("padding").isEmpty();
    assertThat(ApiKeySecrets.prefixOf("trii_sk_e770ceea445b." + SECRET.replace('9', 'é'))).as("not ASCII").isEmpty();
  }
}
