import Foundation
import MeiduoRules
import SQLKit

/// The demo course shop: three directions, three teachers and a dozen courses with chapters, lessons, validity
/// options and one limited-time discount. Covers and teacher photos are drawn (`DemoArtwork`); each chapter opens with
/// a short video (`DemoVideo`) and document lessons are drawn slides, all stored as private media, so they are served
/// only through signed URLs, as real lessons are.
public struct CourseDemo: Sendable {
    let services: AppServices

    public init(services: AppServices) { self.services = services }

    struct Plan {
        let name: String
        let category: Int
        let teacher: Int
        let kind: CourseRules.Kind
        let level: CourseRules.Level
        let price: Int64
        let students: Int
        let chapters: [(String, [String])]
    }

    static let categories = ["Python", "前端开发", "Linux 运维"]
    static let teachers = [("Alex", "路飞学城教学总监", "用心做好每一节课"), ("Egon", "资深 Python 讲师", "代码改变世界"),
                           ("Yuan", "前端架构师", "简单的事情重复做")]
    static let plans: [Plan] = [
        Plan(name: "Python 开发 21 天入门", category: 0, teacher: 1, kind: .free, level: .beginner, price: 0, students: 1_208,
             chapters: [("Python 基础", ["环境搭建", "变量与数据类型", "流程控制"]), ("函数", ["函数定义", "参数与返回值"])]),
        Plan(name: "Django 框架实战", category: 0, teacher: 0, kind: .practical, level: .intermediate, price: 399_00, students: 652,
             chapters: [("Django 入门", ["项目结构", "路由与视图", "模板"]), ("模型层", ["ORM 基础", "关联查询"]), ("项目实战", ["商城首页", "购物车"])]),
        Plan(name: "Flask 轻量级 Web", category: 0, teacher: 1, kind: .light, level: .beginner, price: 99_00, students: 318,
             chapters: [("Flask 基础", ["第一个应用", "请求与响应"]), ("扩展", ["数据库", "用户登录"])]),
        Plan(name: "爬虫开发与数据分析", category: 0, teacher: 0, kind: .practical, level: .intermediate, price: 299_00, students: 487,
             chapters: [("爬虫入门", ["requests", "解析网页"]), ("数据分析", ["pandas", "可视化"])]),
        Plan(name: "算法与数据结构", category: 0, teacher: 1, kind: .practical, level: .advanced, price: 499_00, students: 221,
             chapters: [("线性结构", ["数组与链表", "栈与队列"]), ("树与图", ["二叉树", "图的遍历"]), ("算法", ["排序", "动态规划"])]),
        Plan(name: "Vue.js 从入门到精通", category: 1, teacher: 2, kind: .practical, level: .beginner, price: 259_00, students: 903,
             chapters: [("Vue 基础", ["模板语法", "计算属性", "组件"]), ("工程化", ["路由", "状态管理"])]),
        Plan(name: "HTML 与 CSS 基础", category: 1, teacher: 2, kind: .free, level: .beginner, price: 0, students: 2_310,
             chapters: [("HTML", ["常用标签", "表单"]), ("CSS", ["选择器", "盒子模型", "布局"])]),
        Plan(name: "JavaScript 高级编程", category: 1, teacher: 2, kind: .practical, level: .advanced, price: 329_00, students: 411,
             chapters: [("语言核心", ["作用域与闭包", "原型"]), ("异步", ["Promise", "async/await"])]),
        Plan(name: "小程序开发轻课", category: 1, teacher: 2, kind: .light, level: .intermediate, price: 129_00, students: 276,
             chapters: [("小程序基础", ["项目结构", "页面与组件"]), ("云开发", ["云函数", "数据库"])]),
        Plan(name: "Linux 系统管理", category: 2, teacher: 0, kind: .practical, level: .beginner, price: 199_00, students: 534,
             chapters: [("基础命令", ["文件与目录", "权限"]), ("系统服务", ["进程管理", "systemd"])]),
        Plan(name: "Shell 脚本编程", category: 2, teacher: 1, kind: .light, level: .intermediate, price: 89_00, students: 198,
             chapters: [("Shell 基础", ["变量", "条件与循环"]), ("实战", ["日志分析", "自动部署"])]),
        Plan(name: "Docker 容器技术", category: 2, teacher: 0, kind: .practical, level: .advanced, price: 359_00, students: 367,
             chapters: [("容器入门", ["镜像", "容器"]), ("编排", ["Compose", "集群"])]),
    ]

    /// Loads the demo courses unless the shop has courses; true when it loaded them.
    @discardableResult
    public func loadIfEmpty() async throws -> Bool {
        let existing = try await services.readSQL().raw("SELECT COUNT(*) AS n FROM courses").first()?.decode(column: "n", as: Int.self) ?? 0
        guard existing == 0 else { return false }
        let writer = CourseWriter(services: services)
        var categoryIDs: [Int] = []
        for (index, name) in Self.categories.enumerated() { categoryIDs.append(try await writer.createCategory(name: name, weight: index)) }
        var teacherIDs: [Int] = []
        for (index, teacher) in Self.teachers.enumerated() {
            let image = "courses/teachers/\(index + 1).svg"
            try await draw(image, title: teacher.0, subtitle: teacher.1, kind: .portrait)
            teacherIDs.append(try await writer.createTeacher(name: teacher.0, title: teacher.1, signature: teacher.2, image: image,
                                                             brief: "\(teacher.0)，\(teacher.1)，十年一线开发与教学经验。"))
        }
        let now = services.clock.now()
        for (index, plan) in Self.plans.enumerated() {
            let number = index + 1
            let cover = "courses/covers/\(number).svg"
            try await draw(cover, title: plan.name, subtitle: "\(plan.kind.title) · \(plan.level.title)", kind: .banner)
            var course = CourseWriter.NewCourse(name: plan.name, categoryID: categoryIDs[plan.category], teacherID: teacherIDs[plan.teacher], price: plan.price)
            course.kind = plan.kind
            course.level = plan.level
            course.image = cover
            course.students = plan.students
            course.weight = index
            course.brief = "<p>\(plan.name)：从零开始，边学边练，配套课件与练习。</p><p>适合\(plan.level.title)学员。</p>"
            if plan.kind == .practical {
                course.options = [(30, plan.price * 3 / 10), (90, plan.price * 6 / 10), (0, plan.price)]
            }
            if number == 2 {
                course.discount = CourseRules.Discount(name: "限时折扣", sale: "*0.8", start: now.addingTimeInterval(-86_400),
                                                       end: now.addingTimeInterval(30 * 86_400))
            }
            var lessonNumber = 0
            course.chapters = try await plan.chapters.asyncMap { chapter in
                var lessons: [CourseWriter.NewLesson] = []
                for (place, title) in chapter.1.enumerated() {
                    lessonNumber += 1
                    let subtitle = "\(plan.name) · 第\(lessonNumber)课时"
                    // Each chapter opens with a short video (when ffmpeg is there), the rest are drawn slides.
                    if place == 0, let key = try await video(course: number, lesson: lessonNumber, title: title, subtitle: subtitle) {
                        lessons.append(.init(name: title, kind: .video, duration: DemoVideo.seconds, freeTrial: lessonNumber <= 2, mediaKey: key))
                        continue
                    }
                    let key = "private/courses/\(number)/\(lessonNumber).svg"
                    try await draw(key, title: title, subtitle: subtitle, kind: .banner)
                    lessons.append(.init(name: title, kind: .document, duration: 300 + 60 * lessonNumber, freeTrial: lessonNumber <= 2, mediaKey: key))
                }
                return CourseWriter.NewChapter(name: chapter.0, summary: "\(chapter.0)的要点与练习", lessons: lessons)
            }
            _ = try await writer.createCourse(course)
        }
        return true
    }

    /// Stores a lesson video (rendered unless storage already holds it); its key, or nil without ffmpeg.
    func video(course: Int, lesson: Int, title: String, subtitle: String) async throws -> String? {
        let key = "private/courses/\(course)/\(lesson).webm"
        if try await services.storage.get(key: key) != nil { return key }
        guard let bytes = await DemoVideo.render(title: title, subtitle: subtitle) else { return nil }
        try await services.storage.put(bytes, key: key, contentType: "video/webm")
        return key
    }

    /// Stores a drawing under `key` unless storage already holds something there.
    func draw(_ key: String, title: String, subtitle: String, kind: DemoArtwork.Kind) async throws {
        guard try await services.storage.get(key: key) == nil else { return }
        try await services.storage.put(Array(DemoArtwork.svg(title: title, subtitle: subtitle, kind: kind).utf8), key: key, contentType: "image/svg+xml")
    }
}

extension Array {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        results.reserveCapacity(count)
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
