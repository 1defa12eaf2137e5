package com.example.springhost;

import org.springframework.web.servlet.support.AbstractAnnotationConfigDispatcherServletInitializer;

/**
 * The host's own start-up, as a Spring MVC webapp without web.xml has it: Spring's
 * {@code SpringServletContainerInitializer} finds this class and registers a {@code DispatcherServlet} at
 * {@code /}. PlugKit's initializer, found the same way in the PlugKit jar, mounts PlugKit at
 * {@code plugkit.pathPrefix} beside it; neither knows the other.
 */
public class HostInitializer extends AbstractAnnotationConfigDispatcherServletInitializer {
    @Override
    protected Class<?>[] getRootConfigClasses() {
        return new Class<?>[0];
    }

    @Override
    protected Class<?>[] getServletConfigClasses() {
        return new Class<?>[] {HostWebConfig.class};
    }

    @Override
    protected String[] getServletMappings() {
        return new String[] {"/"};
    }
}
