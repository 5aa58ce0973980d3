import FluentKit
import Hummingbird

/// Everything the Courses domain (the 路飞 course shop of seeds 002/003) adds to the application.
enum CoursesModule {
    static let migrations: [any Migration] = [
        CreateCourseCategories(), CreateTeachers(), CreateCourses(), CreateCourseChapters(), CreateCourseLessons(),
        CreateCourseExpires(), CreateUserCourses(), CreateCourseGrants(), CreateCartCourses(), AddCourseSearchText(),
    ]

    static func addRoutes(to routes: AppRoutes, services: AppServices) {
        CoursesController(services: services).addRoutes(to: routes)
        CourseCartController(services: services).addRoutes(to: routes)
        AdminCoursesController(services: services).addRoutes(to: routes)
    }
}
