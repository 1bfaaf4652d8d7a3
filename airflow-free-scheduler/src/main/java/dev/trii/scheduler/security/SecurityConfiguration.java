package dev.trii.scheduler.security;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Who may do what in the job console. Two filter chains:
 * <ul>
 *   <li>the REST API ({@code /api/**}): stateless, authenticated by API tokens ({@link ApiTokenFilter}); reading
 *       needs a viewer, changing anything an operator, model promotion and users an admin; refusals are RFC 9457
 *       problems (401, 403). No CSRF token: a bearer token is not sent by the browser on its own.</li>
 *   <li>the web console: form login with bcrypt-hashed passwords, a session, CSRF protection on every form; the same
 *       roles.</li>
 * </ul>
 * Health and Prometheus metrics stay open for probes and scrapers. {@code TRII_CONSOLE_ADMIN_PASSWORD}, when set,
 * is the {@code admin} user's password (set at each start); a console without users and without it gets an
 * {@code admin} with a random password, logged once. {@code TRII_CONSOLE_ADMIN_TOKEN} is registered as an API token
 * of that admin.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  ConsoleUsers consoleUsers(DataSource dataSource, PasswordEncoder passwords, TriiConfig config) {
    ConsoleUsers users = new ConsoleUsers(dataSource, passwords);
    String configured = config.get(Settings.CONSOLE_ADMIN_PASSWORD);
    if (!configured.isBlank()) {
      users.save("admin", configured, Role.ADMIN, Settings.CONSOLE_ADMIN_PASSWORD.env());
    } else if (users.isEmpty()) {
      String password = ConsoleUsers.randomPassword();
      users.save("admin", password, Role.ADMIN, "first start");
      // shown once, like the initial password of other consoles; set TRII_CONSOLE_ADMIN_PASSWORD to choose it
      log.warn("job console: created user 'admin' with password {} (change it: ./trii jobs users add admin "
          + "--role admin)", password);
    }
    String token = config.get(Settings.CONSOLE_ADMIN_TOKEN);
    if (!token.isBlank()) {
      users.register("admin", "TRII_CONSOLE_ADMIN_TOKEN", token);
    }
    return users;
  }

  @Bean
  RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.fromHierarchy(Role.hierarchy());
  }

  @Bean
  UserDetailsService consoleUserDetails(ConsoleUsers users) {
    return username -> users.find(username)
        .map(user -> User.withUsername(user.username()).password(user.passwordHash())
            .authorities(user.role().authority()).build())
        .orElseThrow(() -> new UsernameNotFoundException("no console user " + username));
  }

  @Bean
  @Order(1)
  @ConditionalOnWebApplication
  SecurityFilterChain apiSecurity(HttpSecurity http, ConsoleUsers users) throws Exception {
    return http
        .securityMatcher("/api/**")
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .addFilterBefore(new ApiTokenFilter(users), UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.VIEWER.name())
            .requestMatchers("/api/models/**", "/api/users/**").hasRole(Role.ADMIN.name())
            .anyRequest().hasRole(Role.OPERATOR.name()))
        .exceptionHandling(errors -> errors
            .authenticationEntryPoint((request, response, e) -> Problems.write(request, response, 401,
                "send an API token: Authorization: Bearer trii_… (./trii jobs tokens create)"))
            .accessDeniedHandler((request, response, e) -> Problems.write(request, response, 403,
                "your role may not " + request.getMethod() + " " + request.getRequestURI())))
        .build();
  }

  @Bean
  @Order(2)
  @ConditionalOnWebApplication
  SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
    return http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/login", "/console.css", "/actuator/health/**", "/actuator/prometheus",
                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
            .requestMatchers(HttpMethod.GET, "/**").hasRole(Role.VIEWER.name())
            .requestMatchers("/models/**", "/users/**").hasRole(Role.ADMIN.name())
            .anyRequest().hasRole(Role.OPERATOR.name()))
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .build();
  }
}
