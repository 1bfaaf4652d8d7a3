package dev.trii.scheduler.console;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header: what the API is and how it authenticates (springdoc adds the paths). */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  @Bean
  OpenAPI consoleApi() {
    return new OpenAPI()
        .info(new Info().title("TRII job console API").version("1")
            .description("Pipelines, runs, retries, cancellations, pauses and backfills of the TRII scheduler. "
                + "Reading needs a viewer token, changing anything an operator token; errors are RFC 9457 "
                + "problems (application/problem+json)."))
        .components(new Components().addSecuritySchemes("token", new SecurityScheme()
            .type(SecurityScheme.Type.HTTP).scheme("bearer").description("an API token: ./trii jobs tokens create USER")))
        .addSecurityItem(new SecurityRequirement().addList("token"));
  }
}
