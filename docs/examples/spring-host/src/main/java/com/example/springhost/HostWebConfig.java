package com.example.springhost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The host's Spring MVC configuration: its controllers, and JSON through Spring's Jackson converter with
 * the host's choice of dates (ISO-8601 text, not numbers). Spring's builder registers Jackson's
 * {@code java.time} module because the host has it on its class path.
 */
@Configuration
@EnableWebMvc
@ComponentScan(basePackageClasses = HostWebConfig.class)
public class HostWebConfig implements WebMvcConfigurer {

    @Bean
    public ObjectMapper hostObjectMapper() {
        return Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    @Override
    public void configureMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(new MappingJackson2HttpMessageConverter(hostObjectMapper()));
    }
}
