package io.orca.service;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Spring Boot application of {@code orca serve}: only io.orca.service is scanned. Boot's default user (a generated
 * password printed to the log) is left out: every caller is a bearer token ({@link Tokens}).
 */
@OpenAPIDefinition(info = @Info(title = "Orca", version = "v1",
        description = "Validate, plan and submit Hyperledger Bevel network.yaml files (docs/serve.md)."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
@SpringBootApplication(scanBasePackages = "io.orca.service", exclude = UserDetailsServiceAutoConfiguration.class)
@EnableConfigurationProperties(ServiceSettings.class)
@EnableScheduling
public class ServiceApplication {
}
