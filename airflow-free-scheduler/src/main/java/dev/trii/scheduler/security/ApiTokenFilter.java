package dev.trii.scheduler.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an API request by its {@code Authorization: Bearer trii_…} token: the request runs as the token's
 * user, with the user's role. A request without a token goes on unauthenticated (and is refused where the API needs a
 * user); a token that is unknown or revoked is refused at once with a 401 problem.
 */
public final class ApiTokenFilter extends OncePerRequestFilter {

  private final ConsoleUsers users;

  public ApiTokenFilter(ConsoleUsers users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ConsoleUsers.User> user = users.byToken(header.substring(7).trim());
    if (user.isEmpty()) {
      Problems.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "the API token is unknown or revoked");
      return;
    }
    var authentication = UsernamePasswordAuthenticationToken.authenticated(user.get().username(), null,
        List.of(new SimpleGrantedAuthority(user.get().role().authority())));
    SecurityContextHolder.getContext().setAuthentication(authentication);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
