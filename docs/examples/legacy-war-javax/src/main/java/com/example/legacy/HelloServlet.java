package com.example.legacy;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The legacy (Servlet 4.0, javax.servlet) application's own page, declared in web.xml; PlugKit must not disturb it. */
public class HelloServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("legacy app at '" + request.getContextPath() + "' says hello");
    }
}
