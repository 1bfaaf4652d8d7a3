package dev.trii.launcher.models;

import dev.trii.core.registry.ModelRegistry;
import dev.trii.core.registry.mlflow.MlflowModelRegistry;
import dev.trii.core.testing.mlflow.MlflowTestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@code trii models} on the MLflow registry, against the MLflow HTTP double. The database setting points nowhere:
 * with {@code MLFLOW_TRACKING_URI} set the commands must not touch PostgreSQL.
 */
class MlflowModelsCommandIT extends ModelsCommandTests {

  private static MlflowTestServer server;
  private static MlflowModelRegistry registry;

  @BeforeAll
  static void startServer() {
    server = MlflowTestServer.servingArtifacts();
    registry = new MlflowModelRegistry(server.uri());
  }

  @AfterAll
  static void stopServer() {
    registry.close();
    server.close();
  }

  @Override
  ModelRegistry registry() {
    return registry;
  }

  @Override
  Map<String, String> settings() {
    return Map.of("MLFLOW_TRACKING_URI", server.uri(), "TRII_DB_URL", "jdbc:postgresql://127.0.0.1:1/unreachable");
  }

  @Override
  String registryName() {
    return "MLflow registry at " + server.uri();
  }
}
