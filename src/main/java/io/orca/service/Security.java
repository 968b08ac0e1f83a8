package io.orca.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer-token authentication and the role each endpoint needs. Health and the API description are open; everything
 * else answers 401 without a valid token and 403 without the role. Per-network scopes are checked by the endpoints
 * (the network is in the path).
 */
@Configuration
class Security {
    private static final Log LOG = LogFactory.getLog(Security.class);

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, Tokens tokens, ObjectMapper json) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable()).formLogin(f -> f.disable()).logout(l -> l.disable()).requestCache(r -> r.disable())
                .addFilterBefore(new BearerFilter(tokens), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> write(res, json, HttpStatus.UNAUTHORIZED, "unauthorized",
                                "a bearer token is needed (Authorization: Bearer <token>)"))
                        .accessDeniedHandler((req, res, ex) -> write(res, json, HttpStatus.FORBIDDEN, "forbidden",
                                "this token's roles do not allow " + req.getMethod() + " " + req.getRequestURI())))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/tokens").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/networks/*/submissions").hasRole(Role.SUBMIT.name())
                        .requestMatchers("/api/**").hasRole(Role.READ.name())
                        .anyRequest().hasRole(Role.ADMIN.name()));
        return http.build();
    }

    static void write(HttpServletResponse res, ObjectMapper json, HttpStatus status, String type, String detail) throws IOException {
        ProblemDetail p = Problems.problem(status, type, detail, Map.of());
        res.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) res.setHeader("WWW-Authenticate", "Bearer");
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(res.getOutputStream(), p);
    }

    /** Sets the caller from {@code Authorization: Bearer}; a wrong token is logged (never its value) and stays anonymous. */
    static final class BearerFilter extends OncePerRequestFilter {
        private final Tokens tokens;

        BearerFilter(Tokens tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                throws ServletException, IOException {
            String header = req.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                Optional<Caller> caller = tokens.authenticate(header.substring(7).strip());
                if (caller.isPresent()) {
                    var authorities = caller.get().roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
                    SecurityContextHolder.getContext().setAuthentication(
                            new UsernamePasswordAuthenticationToken(caller.get(), null, authorities));
                } else {
                    LOG.warn("authentication failed: unknown bearer token from " + req.getRemoteAddr() + " for "
                            + req.getMethod() + " " + req.getRequestURI());
                }
            }
            chain.doFilter(req, res);
        }
    }

    /** The authenticated caller of this request. */
    static Caller caller() {
        return (Caller) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }
}
