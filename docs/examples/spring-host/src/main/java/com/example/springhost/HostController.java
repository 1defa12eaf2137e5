package com.example.springhost;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.springframework.core.SpringVersion;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The host's own JSON API, served by Spring's DispatcherServlet. */
@RestController
@RequestMapping("/api")
public class HostController {
    /** A fixed instant, so that its JSON form can be checked exactly. */
    static final Instant OPENED_AT = Instant.parse("2026-01-15T09:30:00.250Z");

    private final ObjectMapper objectMapper;

    public HostController(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** What the shop is and what it runs on: the Jackson that writes this answer, and Spring's version. */
    public record About(String app, Instant openedAt, String jackson, String spring) {}

    /** An order as the host's clients send it. */
    public record Order(String item, int quantity, Instant placedAt) {}

    @GetMapping("/about")
    public About about() {
        return new About("spring-host", OPENED_AT, objectMapper.version().toString(), SpringVersion.getVersion());
    }

    /** Reads an order with Spring's Jackson and answers it back. */
    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    public Order place(@RequestBody Order order) {
        return order;
    }
}
