package dev.trii.core.testing.mlflow;

/** An error answer of the MLflow double: MLflow's {@code error_code}, its HTTP status and message. */
final class MlflowError extends RuntimeException {

  final String code;
  final int status;

  private MlflowError(String code, int status, String message) {
    super(message);
    this.code = code;
    this.status = status;
  }

  /** 404, as MLflow answers for a missing experiment, run, model or version. */
  static MlflowError notFound(String message) {
    return new MlflowError("RESOURCE_DOES_NOT_EXIST", 404, message);
  }

  /** 400, as MLflow answers for a duplicate name. */
  static MlflowError alreadyExists(String message) {
    return new MlflowError("RESOURCE_ALREADY_EXISTS", 400, message);
  }

  /** 400, as MLflow answers for a bad or missing parameter (and for an unknown alias). */
  static MlflowError invalid(String message) {
    return new MlflowError("INVALID_PARAMETER_VALUE", 400, message);
  }

  static MlflowError missing(String parameter) {
    return invalid("Missing value for required parameter '" + parameter
        + "'. See the API docs for more information about request parameters.");
  }
}
