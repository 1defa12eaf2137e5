package com.example.springhost;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The host's errors as RFC 9457 problem details ({@code application/problem+json}), as many Spring apps
 * answer them; an unknown path gets one with the path as {@code instance}.
 */
@RestControllerAdvice
public class HostErrors extends ResponseEntityExceptionHandler {}
